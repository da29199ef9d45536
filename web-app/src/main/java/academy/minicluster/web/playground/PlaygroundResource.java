package academy.minicluster.web.playground;

import academy.minicluster.net.Cluster;
import academy.minicluster.net.profile.ClusterProfile;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.topology.Topology;
import academy.minicluster.web.workspace.Workspace;
import academy.minicluster.web.workspace.WorkspaceViews;
import academy.minicluster.web.workspace.Workspaces;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The playground: the lab workspace without tasks or checks, for free exploration on any cluster profile. Each
 * learner has a current playground (their newest); choosing a profile, or reset, opens a fresh one.
 */
@Path("/playground")
@RolesAllowed({Role.LEARNER_VALUE, Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class PlaygroundResource {

    @Inject
    Workspaces workspaces;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance playground(Workspace workspace, List<ClusterProfile> profiles, String panels,
                                                  String topology, String message);
    }

    /** The current playground; {@code ?profile=} opens one on that profile when the current one is on another. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("profile") String profile) {
        Account me = workspaces.me();
        String message = "";
        if (profile != null && !profile.isBlank() && ClusterProfile.named(profile).isEmpty()) {
            message = "There is no cluster profile \"" + profile + "\"; choose one of the list.";
            profile = null;
        }
        String wanted = profile;
        Workspace w = Workspace.currentPlayground(me.id)
                .filter(p -> wanted == null || wanted.isBlank() || p.profile.equals(wanted))
                .orElseGet(() -> workspaces.openPlayground(me.id,
                        wanted == null || wanted.isBlank() ? ClusterProfile.DEFAULT.name() : wanted,
                        Cluster.DEFAULT_SEED));
        return Response.ok(Templates.playground(w, ClusterProfile.all(), WorkspaceViews.panels(w, workspaces.log(w)),
                WorkspaceViews.topology(w.id, workspaces.view(w, s -> Topology.of(s.cluster())), false), message))
                .build();
    }

    /** A fresh playground on the chosen profile. */
    @POST
    @Path("/reset")
    public Response reset(@RestForm String profile) {
        String p = profile == null || ClusterProfile.named(profile).isEmpty() ? ClusterProfile.DEFAULT.name() : profile;
        workspaces.openPlayground(workspaces.me().id, p, Cluster.DEFAULT_SEED);
        return Response.seeOther(URI.create("/playground")).build();
    }
}
