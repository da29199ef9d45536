package academy.minicluster.net.shell;

import static academy.minicluster.net.shell.KubectlContext.resource;

import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.shell.Kubectl.UsageError;
import academy.minicluster.net.shell.KubectlContext.Target;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * How kubectl reads what names objects on its command line: {@code TYPE NAME...}, {@code TYPE/NAME...},
 * {@code all}, label selectors ({@code -l}), and which {@code -o} formats exist. Shared by the verbs, kept by none.
 */
final class KubectlArgs {

    private KubectlArgs() {
    }


    static List<Target> targets(Flags f) {
        return targets(f, false);
    }

    /**
     * The objects a command names. {@code all} is expanded for {@code get} only: the mini-cluster would not recreate
     * the {@code kubernetes} Service that {@code kubectl delete all --all} removes, as kube-apiserver does.
     */
    static List<Target> targets(Flags f, boolean allCategory) {
        List<Target> targets = new ArrayList<>();
        List<String> pos = f.positional;
        if (pos.isEmpty()) {
            throw new UsageError("error: You must specify the type of resource to get. Use \"kubectl api-resources\" "
                    + "for a complete list of supported resources.");
        }
        if (pos.get(0).contains("/")) {
            for (String p : pos) {
                int slash = p.indexOf('/');
                if (slash < 0) {
                    throw new UsageError("error: there is no need to specify a resource type as a separate argument "
                            + "when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                            + "instead of 'kubectl get resource resource/<resource_name>'");
                }
                targets.add(new Target(resource(p.substring(0, slash)), p.substring(slash + 1)));
            }
            return targets;
        }
        // SplitResourceArgument: each type once, in the order typed; "all" stands for its category's kinds.
        List<Kinds.Resource> resources = new ArrayList<>();
        for (String type : pos.get(0).split(",")) {
            for (Kinds.Resource r : type.equals("all") && allCategory
                    ? ALL_TYPES.stream().map(KubectlContext::resource).toList() : List.of(resource(type))) {
                if (!resources.contains(r)) {
                    resources.add(r);
                }
            }
        }
        for (Kinds.Resource r : resources) {
            if (pos.size() == 1) {
                targets.add(new Target(r, null));
            } else {
                for (String name : pos.subList(1, pos.size())) {
                    targets.add(new Target(r, name));
                }
            }
        }
        return targets;
    }

    /**
     * cli-runtime's {@code MultipleTypesRequested}: {@code all}, a comma list of several types, or
     * {@code TYPE/NAME} arguments of several types. kubectl then names every row with its type
     * ({@code service/web}), even when only one of the types has objects.
     */
    static boolean multipleTypesRequested(List<String> positional) {
        if (positional.isEmpty()) {
            return false;
        }
        if (positional.get(0).contains("/")) {
            return positional.stream().map(p -> p.substring(0, Math.max(0, p.indexOf('/')))).distinct().count() > 1;
        }
        List<String> types = List.of(positional.get(0).split(","));
        return types.contains("all") || types.stream().distinct().count() > 1;
    }

    /** What {@code kubectl get all} lists, in kubectl's order (the kinds the mini-cluster serves). */
    static final List<String> ALL_TYPES = List.of("pods", "services", "deployments", "replicasets");

    static void checkOutput(String output) {
        if (output.isEmpty() || output.equals("wide") || output.equals("yaml") || output.equals("json")
                || output.equals("name") || output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=")
                || output.startsWith("custom-columns=") || output.startsWith("go-template=")) {
            return;
        }
        if (output.equals("jsonpath") || output.equals("custom-columns")) {
            throw new UsageError("error: " + output + " format specified but no " + (output.equals("jsonpath")
                    ? "jsonpath template" : "custom-columns") + " given");
        }
        throw new UsageError("error: unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
                + "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml");
    }

    /** {@code app=web,tier!=db,env in (a,b)}: kubectl's label selector syntax. */
    static LabelSelector parseSelector(String text) {
        LabelSelectorBuilder b = new LabelSelectorBuilder();
        for (String part : splitSelector(text)) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains(" in ") || p.contains(" notin ")) {
                boolean in = p.contains(" in ");
                String[] kv = p.split(in ? " in " : " notin ", 2);
                String values = kv[1].trim().replaceAll("^\\(|\\)$", "");
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(kv[0].trim())
                        .withOperator(in ? "In" : "NotIn").withValues(List.of(values.split("\\s*,\\s*"))).build());
            } else if (p.contains("!=")) {
                String[] kv = p.split("!=", 2);
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(kv[0]).withOperator("NotIn")
                        .withValues(kv[1]).build());
            } else if (p.contains("=")) {
                String[] kv = p.split("==?", 2);
                b.addToMatchLabels(kv[0], kv[1]);
            } else if (p.startsWith("!")) {
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(p.substring(1))
                        .withOperator("DoesNotExist").build());
            } else {
                b.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(p).withOperator("Exists").build());
            }
        }
        return b.build();
    }

    static List<String> splitSelector(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    static String single(Flags f, String what) {
        if (f.positional.size() != 1) {
            throw new UsageError("error: exactly one NAME is required, got " + f.positional.size());
        }
        return f.positional.get(0);
    }
}
