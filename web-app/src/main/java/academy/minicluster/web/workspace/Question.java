package academy.minicluster.web.workspace;

import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.lab.Lab;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A question a lab asks (an {@code answer} check): its check id and its words, shown on the lab page as a text
 * input beside "Check my work".
 */
public record Question(String id, String question) {

    /** The lab's questions, in the lab's order. */
    public static List<Question> of(Lab lab) {
        return lab.checks().stream().filter(c -> c.kind() instanceof CheckKind.Answer)
                .map(c -> new Question(c.id(), ((CheckKind.Answer) c.kind()).question())).toList();
    }

    /**
     * The answers a form sent, as the pairs {@code question} (a check id) and {@code answer} (its text) in order;
     * ids that are no question of the lab, and blank answers, are dropped.
     */
    public static Map<String, String> answers(Lab lab, List<String> ids, List<String> texts) {
        Map<String, String> out = new TreeMap<>();
        if (ids == null || texts == null) {
            return out;
        }
        List<String> known = of(lab).stream().map(Question::id).toList();
        for (int i = 0; i < Math.min(ids.size(), texts.size()); i++) {
            String text = texts.get(i) == null ? "" : texts.get(i).strip();
            if (known.contains(ids.get(i)) && !text.isEmpty()) {
                out.put(ids.get(i), text);
            }
        }
        return out;
    }
}
