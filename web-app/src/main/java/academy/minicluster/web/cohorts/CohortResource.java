package academy.minicluster.web.cohorts;

import academy.minicluster.web.accounts.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** An instructor's cohorts: the list (only their own; admins see all) and creating one with a join code. */
@Path("/cohorts")
@RolesAllowed({Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class CohortResource {

    static final int MAX_NAME = 200;

    @Inject
    CurrentAccount current;

    @Inject
    JoinCode codes;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cohorts(List<CohortRow> cohorts, String name, String error);
    }

    /** A cohort in the list. */
    public record CohortRow(Long id, String name, String joinCode, long members) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.cohorts(rows(), "", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response create(@FormParam("name") String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        String error = name.isEmpty() ? "Give the cohort a name."
                : name.length() > MAX_NAME ? "The name is " + name.length() + " characters long; the limit is "
                + MAX_NAME + "." : null;
        if (error != null) {
            return Response.status(422).entity(Templates.cohorts(rows(), name, error)).build();
        }
        Cohort cohort = Cohort.create(name, current.id(), codes);
        return Response.seeOther(URI.create("/cohorts/" + cohort.id + "/gradebook")).build();
    }

    private List<CohortRow> rows() {
        List<Cohort> cohorts = current.isAdmin() ? Cohort.everyone() : Cohort.ofInstructor(current.id());
        return cohorts.stream().map(c -> new CohortRow(c.id, c.name, c.joinCode, c.memberCount())).toList();
    }
}
