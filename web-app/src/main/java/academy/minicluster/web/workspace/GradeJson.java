package academy.minicluster.web.workspace;

import academy.minicluster.labs.grade.GradeResult;
import academy.minicluster.labs.grade.Submission;
import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.json.TraceJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored and served JSON of a grade: the same shape as {@code minicluster grade --json} (lab, version, score,
 * max, checks with their traces, errors), so a script sees one format whichever way it grades. Stored attempts are
 * read back from it with {@link #view}, so an old attempt shows exactly what was graded then.
 */
public final class GradeJson {

    private GradeJson() {
    }

    /** The grade as {@code minicluster grade --json} prints it: one shape for the tool, the API and the store. */
    public static ObjectNode of(Lab lab, GradeResult r) {
        return TraceJson.grade(lab, r);
    }

    /** A submission as stored with its attempt: its parts in order, each with kind, source and text. */
    public static String submission(Submission s) {
        ArrayNode parts = TraceJson.MAPPER.createArrayNode();
        for (Submission.Part p : s.parts()) {
            ObjectNode n = parts.addObject();
            n.put("kind", p instanceof Submission.Manifests ? "manifests" : "commands");
            n.put("source", p.source());
            n.put("text", p.text());
        }
        // The answers to the lab's questions, after the parts: kind "answer", source the question's check id.
        s.answers().forEach((id, text) -> {
            ObjectNode n = parts.addObject();
            n.put("kind", "answer");
            n.put("source", id);
            n.put("text", text);
        });
        return write(parts);
    }

    public static String write(JsonNode node) {
        try {
            return TraceJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code fields} followed by the fields of {@code json} (a JSON object as {@link #write} writes it), as one
     * object: the same text as {@code write} of the merged object, without parsing {@code json}. The mapper indents
     * its output, so an object is "{", the fields (each on its own line), a line break and "}": splicing the two at
     * that line break gives what writing the merged object gives. Falls back to parsing when {@code json} is not
     * such an object (empty, or not written by this mapper).
     */
    public static String withFields(ObjectNode fields, String json) {
        String head = write(fields);
        String open = "{" + NL + "  \"";
        String close = NL + "}";
        if (!fields.isEmpty() && head.endsWith(close) && json.startsWith(open) && json.endsWith(close)) {
            return head.substring(0, head.length() - close.length()) + "," + json.substring(1);
        }
        ObjectNode doc = fields.deepCopy();
        doc.setAll((ObjectNode) read(json));
        return write(doc);
    }

    /**
     * A stored result as its learner may read it: without {@code causes}, each check's {@code cause} is left out and
     * its {@code explanation} is the symptom alone, so the JSON API gives away no more than the page.
     */
    public static String forLearner(String json, boolean causes) {
        if (causes) {
            return json;
        }
        JsonNode doc = read(json);
        for (JsonNode c : doc.path("checks")) {
            if (c instanceof ObjectNode check && check.has("cause")) {
                check.remove("cause");
                check.put("explanation", check.path("symptom").asText());
            }
        }
        return write(doc);
    }

    /** The line break the mapper's indenter writes (Jackson's default: the system's). */
    private static final String NL = System.lineSeparator();

    public static JsonNode read(String json) {
        try {
            return TraceJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A stored result's errors, as {@code view(json).errors()} gives them, read without building the document or its
     * checks: the lab page and "Check my work" need only the errors of the attempt before (not listed again), and
     * that result's checks and traces are most of its text. A result not of the shape written here (errors not an
     * array of strings) is read as {@link #view} reads it.
     */
    public static List<String> errors(String json) {
        try (JsonParser p = TraceJson.MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return view(json).errors();
            }
            List<String> errors = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isErrors = "errors".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!isErrors) {
                    p.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    return view(json).errors();
                } else {
                    // The last "errors" field counts, as it does for the document read whole.
                    errors = new ArrayList<>();
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        errors.add(p.getText());
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        return view(json).errors();
                    }
                }
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored result, ready for a template, with every check's cause (as an instructor sees it). */
    public static GradeView view(String json) {
        return view(json, true);
    }

    /**
     * A stored result, ready for a template; without {@code causes}, each failed check shows its symptom only. A
     * result stored before symptoms and causes were told apart has its whole explanation as the symptom.
     */
    public static GradeView view(String json, boolean causes) {
        JsonNode doc = read(json);
        List<GradeView.Check> checks = new ArrayList<>();
        for (JsonNode c : doc.path("checks")) {
            List<HopView> hops = new ArrayList<>();
            for (JsonNode h : c.path("trace")) {
                List<String> by = new ArrayList<>();
                h.path("decidedBy").forEach(b -> by.add(b.asText()));
                hops.add(new HopView(h.path("stage").asText(), h.path("decision").asText(), by,
                        h.path("verdict").asText()));
            }
            String symptom = c.has("symptom") ? c.path("symptom").asText() : c.path("explanation").asText();
            checks.add(new GradeView.Check(c.path("id").asText(), c.path("title").asText(),
                    c.path("verdict").asText(), c.path("points").asInt(), c.path("maxPoints").asInt(),
                    symptom, c.path("cause").asText(""), causes, c.path("command").asText(), hops));
        }
        List<String> errors = new ArrayList<>();
        doc.path("errors").forEach(e -> errors.add(e.asText()));
        return new GradeView(doc.path("lab").asText(), doc.path("version").asInt(), doc.path("score").asInt(),
                doc.path("max").asInt(), checks, errors);
    }
}
