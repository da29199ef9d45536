package academy.minicluster.web.authoring;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.web.accounts.Account;
import academy.minicluster.web.accounts.Role;
import academy.minicluster.web.cohorts.CurrentAccount;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lab authoring for instructors and admins: the list of labs, creating a lab from a template (or duplicating a
 * built-in one under a new id), the YAML editor with the linter's findings as you type, the learner preview, and
 * publishing. Publishing copies the draft into the next immutable lab_version; the draft stays editable.
 */
@Path("/author/labs")
@RolesAllowed({Role.INSTRUCTOR_VALUE, Role.ADMIN_VALUE})
public class AuthoringResource {

    /** The template a new lab starts from unless the author duplicates a lab. */
    static final String STARTER = "starter";
    /** A draft larger than this is refused: no lab needs it, and every keystroke lints it. */
    static final int MAX_YAML_CHARS = 200_000;

    private static final Pattern ID_LINE = Pattern.compile("(?m)^id:.*$");

    @Inject
    CurrentAccount current;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BuiltInRow> builtIns, List<AuthoredRow> authored);

        static native TemplateInstance create(String id, String from, List<BuiltInRow> builtIns,
                                              List<AuthoredRow> authored, String error);

        static native TemplateInstance editor(String labId, String yaml, LabLint lint, LabPreview preview,
                                              List<LabVersion> versions, String notice, String error);

        static native TemplateInstance editor$findings(String labId, LabLint lint, LabPreview preview);

        static native TemplateInstance preview(String labId, LabPreview preview, List<LintFinding> problems,
                                               boolean builtIn);

        static native TemplateInstance version(LabVersion version);
    }

    /** A built-in lab in the list. */
    public record BuiltInRow(String id, String title) {
    }

    /** An authored lab in the list: its draft and its newest published version (0 when never published). */
    public record AuthoredRow(String id, String title, String author, int latestVersion, Instant updatedAt) {
        public boolean published() {
            return latestVersion > 0;
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.list(builtIns(), authored());
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance newLab(@QueryParam("from") String from) {
        String template = from == null || from.isBlank() ? STARTER : from;
        String suggested = STARTER.equals(template) ? "" : template + "-copy";
        return Templates.create(suggested, template, builtIns(), authored(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response create(@FormParam("id") String rawId, @FormParam("from") String from) {
        String id = rawId == null ? "" : rawId.strip();
        String template = from == null || from.isBlank() ? STARTER : from;
        Optional<String> text = templateText(template);
        Optional<String> refusal = text.isEmpty()
                ? Optional.of("There is no lab or template named \"" + template + "\" to start from.")
                : LabIds.refusal(id, current.id());
        if (refusal.isPresent()) {
            return Response.status(422)
                    .entity(Templates.create(id, template, builtIns(), authored(), refusal.get())).build();
        }
        LabDraft.create(id, withId(text.get(), id), current.id());
        return seeOther("/author/labs/" + id + "/edit");
    }

    @GET
    @Path("{id}/edit")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance edit(@PathParam("id") String labId, @QueryParam("published") Integer published) {
        LabDraft draft = ownDraft(labId);
        LabLint lint = LabLint.of(labId, draft.yaml);
        String notice = published == null ? null
                : "Published version " + published + ". Learners now get it; your draft stays editable.";
        return Templates.editor(labId, draft.yaml, lint, preview(lint), LabVersion.history(labId), notice, null);
    }

    /** Saves the draft (the editor's form, without JavaScript). */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response save(@PathParam("id") String labId, @FormParam("yaml") String yaml) {
        ownDraft(labId).save(checkedYaml(yaml));
        return seeOther("/author/labs/" + labId + "/edit");
    }

    /** As the author types (htmx, after a short pause): saves the draft and answers the findings and the preview. */
    @POST
    @Path("{id}/lint")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance lint(@PathParam("id") String labId, @FormParam("yaml") String yaml) {
        LabDraft draft = ownDraft(labId);
        draft.save(checkedYaml(yaml));
        LabLint lint = LabLint.of(labId, draft.yaml);
        return Templates.editor$findings(labId, lint, preview(lint));
    }

    /** Publishes the draft as the next immutable version, only when the linter finds nothing. */
    @POST
    @Path("{id}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response publish(@PathParam("id") String labId, @FormParam("yaml") String yaml) {
        LabDraft draft = ownDraft(labId);
        if (yaml != null) {
            draft.save(checkedYaml(yaml));
        }
        LabLint lint = LabLint.of(labId, draft.yaml);
        if (!lint.clean() || lint.lab().isEmpty()) {
            String error = "Not published: the linter found " + lint.findings().size()
                    + (lint.findings().size() == 1 ? " problem" : " problems") + ". Fix "
                    + (lint.findings().size() == 1 ? "it" : "them") + ", then publish.";
            return Response.status(422).entity(Templates.editor(labId, draft.yaml, lint, preview(lint),
                    LabVersion.history(labId), null, error)).build();
        }
        Lab lab = lint.lab().get();
        LabVersion version = LabVersion.publish(labId, draft.yaml, truncate(lab.title(), 200), lab.lesson(),
                draft.authorId);
        return seeOther("/author/labs/" + labId + "/edit?published=" + version.version);
    }

    /** The draft (or a built-in lab) as a learner would see it. */
    @GET
    @Path("{id}/preview")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance preview(@PathParam("id") String labId) {
        Optional<LabDraft> draft = LabDraft.findByLabId(labId).filter(d -> current.owns(d.authorId));
        String text;
        boolean builtIn = false;
        if (draft.isPresent()) {
            text = draft.get().yaml;
        } else {
            text = BuiltInLabs.text(labId).orElseThrow(() -> notYours(labId));
            builtIn = true;
        }
        try {
            return Templates.preview(labId, LabPreview.of(LabParser.parse(text, labId + ".yaml")), List.of(), builtIn);
        } catch (LabFormatException e) {
            return Templates.preview(labId, null, LabLint.of(labId, text).findings(), builtIn);
        }
    }

    /** A published version, exactly as it was published. */
    @GET
    @Path("{id}/versions/{version}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance version(@PathParam("id") String labId, @PathParam("version") int number) {
        LabVersion version = LabVersion.find(labId, number)
                .filter(v -> v.authorId == null || current.owns(v.authorId))
                .orElseThrow(() -> new NotFoundException("No published version " + number + " of lab " + labId
                        + " that you can see."));
        return Templates.version(version);
    }

    private LabDraft ownDraft(String labId) {
        return LabDraft.findByLabId(labId).filter(d -> current.owns(d.authorId)).orElseThrow(() -> notYours(labId));
    }

    private static NotFoundException notYours(String labId) {
        return new NotFoundException("You have no lab \"" + labId + "\" to edit. Built-in labs are read-only: "
                + "duplicate one under a new id.");
    }

    private static String checkedYaml(String yaml) {
        if (yaml == null) {
            throw new BadRequestException("The form did not include the lab's YAML.");
        }
        if (yaml.length() > MAX_YAML_CHARS) {
            throw new BadRequestException("The lab is " + yaml.length() + " characters long; the limit is "
                    + MAX_YAML_CHARS + ".");
        }
        return yaml.replace("\r\n", "\n");
    }

    private static LabPreview preview(LabLint lint) {
        return lint.lab().map(LabPreview::of).orElse(null);
    }

    /** The text a new lab starts from: the starter template, a built-in lab, or one of the author's own labs. */
    private Optional<String> templateText(String template) {
        if (STARTER.equals(template)) {
            return Optional.of(resource("authoring/starter.yaml"));
        }
        Optional<LabDraft> own = LabDraft.findByLabId(template).filter(d -> current.owns(d.authorId));
        if (own.isPresent()) {
            return Optional.of(own.get().yaml);
        }
        return BuiltInLabs.text(template);
    }

    /** The template's text with its {@code id:} line naming the new lab. */
    public static String withId(String text, String id) {
        Matcher m = ID_LINE.matcher(text);
        return m.find() ? m.replaceFirst(Matcher.quoteReplacement("id: " + id)) : "id: " + id + "\n" + text;
    }

    private static List<BuiltInRow> builtIns() {
        List<BuiltInRow> rows = new ArrayList<>();
        for (String id : BuiltInLabs.ids()) {
            rows.add(new BuiltInRow(id, titleOf(BuiltInLabs.text(id).orElse(""), id)));
        }
        return rows;
    }

    private List<AuthoredRow> authored() {
        List<LabDraft> drafts = current.isAdmin() ? LabDraft.everyone() : LabDraft.byAuthor(current.id());
        List<AuthoredRow> rows = new ArrayList<>();
        for (LabDraft d : drafts) {
            Account author = Account.findById(d.authorId);
            rows.add(new AuthoredRow(d.labId, titleOf(d.yaml, d.labId), author == null ? "" : author.username,
                    LabVersion.latestNumber(d.labId), d.updatedAt));
        }
        return rows;
    }

    /** The lab's title as the YAML says it, or its id while the YAML does not parse. */
    private static String titleOf(String text, String id) {
        try {
            String title = LabParser.parse(text, id + ".yaml").title();
            return title == null || title.isBlank() ? id : title;
        } catch (LabFormatException | RuntimeException e) {
            return id;
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String resource(String name) {
        try (InputStream in = AuthoringResource.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
