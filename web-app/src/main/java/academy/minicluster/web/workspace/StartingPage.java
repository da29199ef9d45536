package academy.minicluster.web.workspace;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The page a person in a browser sees instead of a workspace (the playground, a lab) opened in the first seconds
 * after a start, while {@link ClusterWarmUp} still warms the mini-clusters: in the layout, with progress, and opening
 * the page asked for by itself as soon as the warm-up ends (it asks {@link #READY_URL}, answered by {@link #ready}).
 * A script (no {@code Sec-Fetch-Dest: document}) gets the workspace itself, later.
 */
@ApplicationScoped
public class StartingPage {

    /**
     * How long a page waits for the warm-up before it shows the starting page instead: under the 300 ms after which
     * anything pending shows progress.
     */
    static final Duration WAIT_FOR_WARM_UP = Duration.ofMillis(250);
    /** How long {@link #ready} holds its answer for the warm-up to end, before "not yet". */
    static final Duration READY_AT_MOST = Duration.ofSeconds(10);
    /** What a browser says when it loads a page to show (not an image, a script or a fetch). */
    static final String PAGE_LOAD = "document";
    /** Where the starting page asks whether the warm-up has ended ({@code PlaygroundResource} answers it). */
    public static final String READY_URL = "/playground/ready";

    /** What is opening, in the page's words: its heading, what "opens ... by itself", the link to open it now. */
    public record Opening(String heading, String what, String link) {
        public static Opening playground() {
            return new Opening("Starting your playground", "your playground", "Open the playground now");
        }

        public static Opening lab(String title) {
            return new Opening("Starting your lab", "the lab " + title, "Open the lab now");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance starting(Opening opening, String readyUrl, String reloadUrl);
    }

    @Inject
    ClusterWarmUp warmUp;

    /**
     * The starting page for {@code opening}, when a browser loads the page ({@code fetchDestination}) and the warm-up
     * does not end within {@link #WAIT_FOR_WARM_UP}; empty when the workspace should be answered as usual.
     */
    public Optional<Response> whileWarming(String fetchDestination, UriInfo uri, Opening opening) {
        if (!PAGE_LOAD.equals(fetchDestination) || warmUp.isWarmWithin(WAIT_FOR_WARM_UP)) {
            return Optional.empty();
        }
        // The page asked for, query and all (a lesson's "Try it" keeps its snippet), to open once warm.
        String here = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return Optional.of(Response.ok(Templates.starting(opening, READY_URL, here))
                .header("Cache-Control", "no-store").build());
    }

    /**
     * Whether the platform's mini-clusters are warm: 204 as soon as they are (at once when they already are), 503
     * with {@code Retry-After} when they are still warming after {@link #READY_AT_MOST}. Holds no thread while it
     * waits.
     */
    public CompletionStage<Response> ready() {
        return warmUp.done().thenApply(report -> true).completeOnTimeout(false, READY_AT_MOST.toMillis(),
                TimeUnit.MILLISECONDS).thenApply(warm -> warm ? Response.noContent().build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                        .header("Cache-Control", "no-store").build());
    }
}
