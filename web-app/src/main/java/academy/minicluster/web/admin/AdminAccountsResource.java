package academy.minicluster.web.admin;

import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/** The admin's page of accounts: who exists, with which roles; grants and revokes the instructor role. */
@Path("/admin/accounts")
@RolesAllowed(Role.ADMIN_VALUE)
public class AdminAccountsResource {

    /** One account as the table shows it. */
    public record Row(long id, String username, String roles, boolean instructor, String createdAt) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accounts(List<Row> accounts, String message);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance list(@org.jboss.resteasy.reactive.RestQuery String changed) {
        List<Account> all = Account.listAll(Sort.by("username"));
        List<Row> rows = all.stream().map(a -> new Row(a.id, a.username, a.roles.replace(",", ", "),
                a.hasRole(Role.INSTRUCTOR), a.createdAt.toString().substring(0, 10))).toList();
        return Templates.accounts(rows, changed == null ? "" : changed);
    }

    /** {@code instructor=true} grants the instructor role, {@code false} revokes it. */
    @POST
    @Path("{id}/instructor")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response instructor(@PathParam("id") long id, @RestForm boolean instructor) {
        Account account = Account.findById(id);
        if (account == null) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                    .entity("No account with id " + id + ".").build();
        }
        if (instructor) {
            account.grant(Role.INSTRUCTOR);
        } else {
            account.revoke(Role.INSTRUCTOR);
        }
        String message = account.username + (instructor ? " is now an instructor." : " is no longer an instructor.");
        return Response.seeOther(URI.create("/admin/accounts?changed="
                + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8))).build();
    }
}
