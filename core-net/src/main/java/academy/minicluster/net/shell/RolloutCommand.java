package academy.minicluster.net.shell;

import academy.minicluster.net.api.Kinds;
import academy.minicluster.net.api.ObjectCopier;
import academy.minicluster.net.controller.DeploymentController;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kubectl rollout status|restart|undo|history} for Deployments, as kubectl's {@code pkg/cmd/rollout} and its
 * polymorphic helpers word them. Revisions are the ReplicaSets' {@code deployment.kubernetes.io/revision}, which the
 * deployment controller numbers. The mini-cluster's controllers settle within the command that caused a change, so
 * {@code status} reports at once: rolled out, or where the rollout stands followed by kubectl's timeout error
 * (nothing more will happen without another command).
 */
final class RolloutCommand {

    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";


    private final KubectlContext context;

    RolloutCommand(KubectlContext context) {
        this.context = context;
    }

    ShellResult run(String line, List<String> args) throws Flags.UnknownFlag {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (sub) {
            case "status" -> status(line, context.flags(rest, Map.of("w", "watch"), "watch", "timeout", "revision",
                    "filename", "selector"));
            case "restart" -> restart(line, context.flags(rest, Map.of(), "filename", "selector", "output",
                    "field-manager"));
            case "undo" -> undo(line, context.flags(rest, Map.of(), "to-revision", "dry-run", "filename",
                    "selector", "output"));
            case "history" -> history(line, context.flags(rest, Map.of(), "revision", "filename", "selector",
                    "output"));
            case "pause", "resume" -> KubectlContext.fail(line, "error: the mini-cluster rolls a Deployment out "
                    + "within the command that changes it; kubectl rollout " + sub + " is not simulated");
            default -> KubectlContext.fail(line, sub.isEmpty()
                    ? "error: kubectl rollout needs a subcommand: history, pause, restart, resume, status or undo"
                    : "error: unknown command \"" + String.join(" ", args) + "\"\nSee 'kubectl rollout -h' for help "
                    + "and examples");
        };
    }

    private List<KubectlContext.Target> targets(Flags f) {
        return KubectlContext.targets(f.positional, "error: required resource not specified");
    }

    /** What kubectl's polymorphic helpers say for a kind they do not handle; the mini-cluster has Deployments only. */
    private enum Helper {
        STATUS, HISTORY, UNDO, RESTART;

        String refusal(HasMetadata o) {
            return switch (this) {
                case STATUS -> "error: no status viewer has been implemented for " + o.getKind();
                case HISTORY -> "error: no history viewer has been implemented for \"" + o.getKind() + "\"";
                case UNDO -> "error: no rollbacker has been implemented for \"" + o.getKind() + "\"";
                case RESTART -> "error: " + Kinds.byKind(o.getKind()).map(Kinds.Resource::plural).orElse(o.getKind())
                        + " \"" + o.getMetadata().getName() + "\" restarting is not supported";
            };
        }
    }

    private Deployment deployment(KubectlContext.Target t, Flags f, Helper helper) {
        HasMetadata o = context.get(t, KubectlContext.namespace(f));
        if (o instanceof Deployment d) {
            return d;
        }
        throw new Kubectl.UsageError(helper.refusal(o));
    }

    private List<ReplicaSet> replicaSets(Deployment d) {
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : context.cluster().store().list(ReplicaSet.class, "ReplicaSet",
                d.getMetadata().getNamespace())) {
            var refs = rs.getMetadata().getOwnerReferences();
            if (refs != null && refs.stream().anyMatch(r -> d.getMetadata().getUid().equals(r.getUid()))) {
                owned.add(rs);
            }
        }
        owned.sort(Comparator.comparingLong(DeploymentController::revision));
        return owned;
    }

    /** An integer flag, refused as pflag refuses one that does not parse. */
    private static long revisionFlag(Flags f, String name) {
        String text = f.get(name, "0");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Kubectl.UsageError("error: invalid argument \"" + text + "\" for \"--" + name + "\" flag: "
                    + "strconv.ParseInt: parsing \"" + text + "\": invalid syntax\nSee 'kubectl rollout --help' for usage.");
        }
    }

    /** kubectl's DeploymentStatusViewer, once. */
    private ShellResult status(String line, Flags f) {
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets(f)) {
            Deployment d = deployment(t, f, Helper.STATUS);
            String name = d.getMetadata().getName();
            var s = d.getStatus();
            int desired = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
            int updated = s == null ? 0 : Objects.requireNonNullElse(s.getUpdatedReplicas(), 0);
            int replicas = s == null ? 0 : Objects.requireNonNullElse(s.getReplicas(), 0);
            int available = s == null ? 0 : Objects.requireNonNullElse(s.getAvailableReplicas(), 0);
            String waiting;
            if (updated < desired) {
                waiting = updated + " out of " + desired + " new replicas have been updated...";
            } else if (replicas > updated) {
                waiting = (replicas - updated) + " old replicas are pending termination...";
            } else if (available < updated) {
                waiting = available + " of " + updated + " updated replicas are available...";
            } else {
                out.append("deployment \"").append(name).append("\" successfully rolled out\n");
                continue;
            }
            out.append("Waiting for deployment \"").append(name).append("\" rollout to finish: ").append(waiting)
                    .append('\n');
            return new ShellResult(line, 1, out.toString(), "error: timed out waiting for the condition\n", List.of());
        }
        return ShellResult.ok(line, out.toString());
    }

    private ShellResult restart(String line, Flags f) {
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets(f)) {
            Deployment copy = ObjectCopier.deepCopy(deployment(t, f, Helper.RESTART));
            PodTemplateSpec template = copy.getSpec().getTemplate();
            Map<String, String> annotations = new LinkedHashMap<>(Objects.requireNonNullElse(
                    template.getMetadata().getAnnotations(), Map.of()));
            annotations.put(RESTARTED_AT, context.cluster().clock().timestamp());
            template.getMetadata().setAnnotations(annotations);
            context.cluster().api().apply(copy);
            out.append(t.typeSlashName()).append(" restarted\n");
        }
        return ShellResult.ok(line, out.toString());
    }

    private ShellResult undo(String line, Flags f) {
        long toRevision = revisionFlag(f, "to-revision");
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets(f)) {
            Deployment d = deployment(t, f, Helper.UNDO);
            List<ReplicaSet> history = replicaSets(d);
            ReplicaSet target = null;
            if (toRevision == 0) {
                if (history.size() < 2) {
                    throw new Kubectl.UsageError("error: no rollout history found for deployment \""
                            + d.getMetadata().getName() + "\"");
                }
                target = history.get(history.size() - 2);
            } else {
                for (ReplicaSet rs : history) {
                    if (DeploymentController.revision(rs) == toRevision) {
                        target = rs;
                    }
                }
                if (target == null) {
                    throw new Kubectl.UsageError("error: unable to find specified revision " + toRevision
                            + " in history");
                }
            }
            PodTemplateSpec template = ObjectCopier.deepCopy(target.getSpec().getTemplate());
            Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
            labels.remove("pod-template-hash");
            template.getMetadata().setLabels(labels);
            if (Objects.equals(template, d.getSpec().getTemplate())) {
                out.append(t.typeSlashName()).append(" skipped rollback (current template already matches revision ")
                        .append(DeploymentController.revision(target)).append(")\n");
                continue;
            }
            Deployment copy = ObjectCopier.deepCopy(d);
            copy.getSpec().setTemplate(template);
            context.cluster().api().apply(copy);
            out.append(t.typeSlashName()).append(" rolled back\n");
        }
        return ShellResult.ok(line, out.toString());
    }

    private ShellResult history(String line, Flags f) {
        StringBuilder out = new StringBuilder();
        for (KubectlContext.Target t : targets(f)) {
            Deployment d = deployment(t, f, Helper.HISTORY);
            List<ReplicaSet> history = replicaSets(d);
            if (f.get("revision") != null) {
                long wanted = revisionFlag(f, "revision");
                ReplicaSet rs = history.stream().filter(r -> DeploymentController.revision(r) == wanted).findFirst()
                        .orElseThrow(() -> new Kubectl.UsageError("error: unable to find the specified revision"));
                out.append(t.typeSlashName()).append(" with revision #").append(wanted).append('\n')
                        .append(podTemplate(rs.getSpec().getTemplate())).append('\n');
                continue;
            }
            TabWriter table = TabWriter.forDescribe();
            table.write("REVISION\tCHANGE-CAUSE\n");
            for (ReplicaSet rs : history) {
                String cause = rs.getMetadata().getAnnotations() == null ? null
                        : rs.getMetadata().getAnnotations().get(DeploymentController.CHANGE_CAUSE);
                table.write(DeploymentController.revision(rs) + "\t" + (cause == null ? "<none>" : cause) + "\n");
            }
            out.append(t.typeSlashName()).append(" \n").append(table.flush()).append('\n');
        }
        return ShellResult.ok(line, out.toString());
    }

    /** kubectl's {@code DescribePodTemplate}, reduced to labels, annotations and each container's image. */
    private static String podTemplate(PodTemplateSpec template) {
        StringBuilder s = new StringBuilder("Pod Template:\n  Labels:\t");
        Map<String, String> labels = Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of());
        s.append(String.join("\n\t", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .toList())).append('\n');
        Map<String, String> annotations = Objects.requireNonNullElse(template.getMetadata().getAnnotations(), Map.of());
        if (!annotations.isEmpty()) {
            s.append("  Annotations:\t").append(String.join("\n\t", annotations.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).sorted().toList())).append('\n');
        }
        s.append("  Containers:\n");
        for (var c : template.getSpec().getContainers()) {
            s.append("   ").append(c.getName()).append(":\n    Image:\t").append(c.getImage()).append('\n');
        }
        return s.toString();
    }
}
