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
import java.util.Optional;

/** A learner joins a cohort with the code their instructor gave them. */
@Path("/join")
@RolesAllowed(Role.LEARNER_VALUE)
public class JoinResource {

    @Inject
    CurrentAccount current;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance join(String code, String error, String joined);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return Templates.join("", null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response join(@FormParam("code") String typed) {
        String code = JoinCode.normalize(typed);
        if (code.isEmpty()) {
            return Response.status(422).entity(Templates.join("", "Enter the join code your instructor gave you.",
                    null)).build();
        }
        Optional<Cohort> cohort = code.length() > 20 ? Optional.empty() : Cohort.byJoinCode(code);
        if (cohort.isEmpty()) {
            String shown = typed.strip().length() > 40 ? typed.strip().substring(0, 40) + "…" : typed.strip();
            return Response.status(404).entity(Templates.join(shown, "No cohort has the join code \"" + shown
                    + "\". Check it with your instructor: codes are 8 letters and digits, like K7M2-PQ9X.",
                    null)).build();
        }
        Cohort c = cohort.get();
        if (!c.hasMember(current.id())) {
            CohortMember.join(c.id, current.id());
        }
        return Response.ok(Templates.join("", null, c.name)).build();
    }
}
