package academy.minicluster.web.home;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The front door: what the academy is, and where to go next. */
@Path("/")
public class HomeResource {

    /** Type-checked at build time: templates/HomeResource/home.html, on the shared templates/layout.html. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home() {
        return Templates.home();
    }
}
