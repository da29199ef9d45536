package academy.minicluster.web.api;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/labs} and {@code GET /api/v1/labs/{id}}: the published labs (each at its newest published
 * version), with the fields of {@code minicluster labs --json}. Checks, hints and solutions are not exposed: they
 * would give the answers away.
 */
@Path("/api/v1/labs")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Labs", description = "The published labs")
public class LabsApiResource {

    private static final Logger LOG = Logger.getLogger(LabsApiResource.class);

    /** A lab as listed. */
    @Schema(name = "LabSummary")
    public record LabSummary(String id, int version, String title, String lesson, String difficulty, int minutes,
                             String profile, int checks, int maxScore) {
    }

    /** The list. */
    @Schema(name = "LabList")
    public record LabList(List<LabSummary> labs) {
    }

    /** One lab, with what a learner reads before starting. */
    @Schema(name = "LabDetail")
    public record LabDetail(String id, int version, String title, String summary, String lesson, String difficulty,
                            int minutes, String profile, int checks, int maxScore,
                            @Schema(description = "the tasks, in Markdown") String tasks,
                            @Schema(description = "how many hints the workspace can reveal") int hints,
                            @Schema(description = "the lab's page") String href) {
    }

    /** Published versions never change, so a parsed version is kept: (lab_id, version) -> Lab. */
    private final Map<String, Lab> parsed = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @GET
    @Operation(summary = "List the published labs", description = "Each lab at its newest published version, in "
            + "course order of their lessons, then by id.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LabList.class)))
    @Transactional
    public LabList list() {
        List<LabSummary> labs = new ArrayList<>();
        for (Lab lab : published(Optional.empty())) {
            labs.add(new LabSummary(lab.id(), lab.version(), lab.title(), lab.lesson(), lab.difficulty().name(),
                    lab.minutes(), lab.profile(), lab.checks().size(), lab.maxScore()));
        }
        return new LabList(labs);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a published lab", description = "The lab's newest published version.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LabDetail.class)))
    @APIResponse(responseCode = "404", description = "No published lab has that id",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @Transactional
    public Response get(@PathParam("id") String id) {
        List<Lab> found = published(Optional.of(id));
        if (found.isEmpty()) {
            return ApiError.response(Response.Status.NOT_FOUND, "lab \"" + id + "\" not found");
        }
        Lab lab = found.get(0);
        return Response.ok(new LabDetail(lab.id(), lab.version(), lab.title(), lab.summary(), lab.lesson(),
                lab.difficulty().name(), lab.minutes(), lab.profile(), lab.checks().size(), lab.maxScore(),
                lab.tasks(), lab.hints().size(), "/labs/" + lab.id())).build();
    }

    @SuppressWarnings("unchecked")
    private List<Lab> published(Optional<String> id) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT DISTINCT ON (lab_id) lab_id, version, yaml FROM lab_version
                        WHERE published AND (CAST(?1 AS varchar) IS NULL OR lab_id = CAST(?1 AS varchar))
                        ORDER BY lab_id, version DESC""")
                .setParameter(1, id.orElse(null)).getResultList();
        List<Lab> labs = new ArrayList<>();
        for (Object[] r : rows) {
            String labId = (String) r[0];
            int version = ((Number) r[1]).intValue();
            Lab lab = parsed.computeIfAbsent(labId + "@" + version, k -> parse(labId, version, (String) r[2]));
            if (lab != null) {
                labs.add(lab);
            }
        }
        labs.sort(java.util.Comparator.comparing((Lab l) -> lessonOrder(l.lesson())).thenComparing(Lab::id));
        return labs;
    }

    private static Lab parse(String labId, int version, String yaml) {
        try {
            return LabParser.parse(yaml, "lab_version:" + labId + "@" + version);
        } catch (LabFormatException | RuntimeException e) {
            LOG.warnf("Published lab %s version %d does not parse, left out of the API: %s", labId, version, e);
            return null;
        }
    }

    private static final List<String> LESSONS = academy.minicluster.content.Course.load().lessons().stream()
            .map(academy.minicluster.content.Lesson::id).toList();

    private static int lessonOrder(String lesson) {
        int i = LESSONS.indexOf(lesson);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
