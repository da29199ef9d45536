package academy.minicluster.net.controller;

import academy.minicluster.net.api.ApiException;
import academy.minicluster.net.api.ClusterQuota;
import academy.minicluster.net.api.ObjectCopier;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment -> ReplicaSet. Each pod template gets its own ReplicaSet named {@code <deployment>-<pod-template-hash>};
 * the current one is scaled to {@code spec.replicas} and older ones to zero. A rollout completes within the write
 * that caused it: the model has no wall-clock time for a rolling update to take.
 */
public final class DeploymentController implements WatchingController {

    static final String COMPONENT = "deployment-controller";

    private final Changes changes = Changes.of("Deployment", "ReplicaSet");
    /**
     * Deployment uid -> its template and that template's hash: hashing prints the whole template. A cache
     * (recomputed on a miss), so it is not state a fork or a restored cluster takes over.
     */
    private final Map<String, Map.Entry<PodTemplateSpec, String>> hashes = new HashMap<>();

    @Override
    public boolean reconcile(ControllerContext context) {
        boolean changed = false;
        for (String namespace : changes.namespacesSinceLastRun(context.store())) {
            for (Deployment deployment : context.store().listForReading(Deployment.class, "Deployment", namespace)) {
                changed |= reconcile(context, deployment);
            }
        }
        return changed;
    }

    /** {@link #podTemplateHash}, computed again only when the Deployment has another template object. */
    private String hashOf(Deployment deployment) {
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        Map.Entry<PodTemplateSpec, String> known = hashes.get(deployment.getMetadata().getUid());
        if (known != null && known.getKey() == template) {
            return known.getValue();
        }
        String hash = podTemplateHash(template);
        hashes.put(deployment.getMetadata().getUid(), Map.entry(template, hash));
        return hash;
    }

    private boolean reconcile(ControllerContext context, Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String hash = hashOf(deployment);
        String rsName = deployment.getMetadata().getName() + "-" + hash;
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean changed = false;

        List<ReplicaSet> owned = new ArrayList<>();
        // Listed for reading: what is written below is first taken as the store's own copy.
        for (ReplicaSet rs : context.store().listForReading(ReplicaSet.class, "ReplicaSet", namespace)) {
            if (Owners.isOwnedBy(rs, deployment)) {
                owned.add(rs);
            }
        }
        ReplicaSet current = owned.stream().filter(rs -> rs.getMetadata().getName().equals(rsName)).findFirst()
                .orElse(null);
        long maxRevision = 0;
        for (ReplicaSet rs : owned) {
            if (!rs.getMetadata().getName().equals(rsName)) {
                maxRevision = Math.max(maxRevision, revision(rs));
            }
        }
        if (current == null) {
            ReplicaSet created = newReplicaSet(deployment, rsName, hash, replicas, maxRevision + 1);
            Optional<ApiException> refused = ClusterQuota.refusal(context.store(), context.limits(), created);
            if (refused.isPresent()) {
                // syncDeployment's event when the new ReplicaSet is refused; tried again on the next change.
                context.events().warning(deployment, "ReplicaSetCreateError", COMPONENT, "Failed to create new "
                        + "replica set \"" + rsName + "\": " + refused.get().getMessage());
                return false;
            }
            current = context.store().create(created);
            context.events().normal(deployment, "ScalingReplicaSet", COMPONENT,
                    "Scaled up replica set " + rsName + " from 0 to " + replicas);
            changed = true;
        } else if (revision(current) <= maxRevision) {
            // The template went back to an older ReplicaSet's (rollout undo, or the old manifest re-applied): as
            // the deployment controller does, that ReplicaSet becomes the newest revision.
            current = context.store().get(ReplicaSet.class, "ReplicaSet", namespace, rsName).orElseThrow();
            current.getMetadata().getAnnotations().put(REVISION, Long.toString(maxRevision + 1));
            context.store().update(current, false);
            changed = true;
        }
        if (!Objects.equals(current.getSpec().getReplicas(), replicas)) {
            int from = current.getSpec().getReplicas();
            current = context.store().get(ReplicaSet.class, "ReplicaSet", namespace, rsName).orElseThrow();
            current.getSpec().setReplicas(replicas);
            // setReplicasAnnotations: the scaled ReplicaSet records the Deployment's new size and surge ceiling.
            current.getMetadata().getAnnotations().put(DESIRED_REPLICAS, Integer.toString(replicas));
            current.getMetadata().getAnnotations().put(MAX_REPLICAS,
                    Integer.toString(replicas + maxSurge(deployment, replicas)));
            context.store().update(current, true);
            context.events().normal(deployment, "ScalingReplicaSet", COMPONENT,
                    (replicas > from ? "Scaled up" : "Scaled down") + " replica set " + rsName + " from " + from
                            + " to " + replicas);
            changed = true;
        }
        for (ReplicaSet old : owned) {
            if (!old.getMetadata().getName().equals(rsName) && old.getSpec().getReplicas() != null
                    && old.getSpec().getReplicas() > 0) {
                int from = old.getSpec().getReplicas();
                ReplicaSet own = context.store().get(ReplicaSet.class, "ReplicaSet", namespace,
                        old.getMetadata().getName()).orElseThrow();
                own.getSpec().setReplicas(0);
                context.store().update(own, true);
                context.events().normal(deployment, "ScalingReplicaSet", COMPONENT,
                        "Scaled down replica set " + old.getMetadata().getName() + " from " + from + " to 0");
                changed = true;
            }
        }
        changed |= updateStatus(context, deployment, current, owned);
        return changed;
    }

    /** The annotation that numbers a Deployment's ReplicaSets, as kubectl rollout history lists them. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** Why a revision was made ({@code kubectl annotate deployment web kubernetes.io/change-cause=...}). */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** The Deployment's size when it last sized this ReplicaSet. */
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    /** That size plus maxSurge: how many pods a rollout may run at most. */
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    /**
     * {@code deploymentutil.MaxSurge}: the RollingUpdate's maxSurge (default 25%), a percentage of the replicas
     * rounded up; 0 for Recreate.
     */
    static int maxSurge(Deployment deployment, int replicas) {
        var strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return 0;
        }
        var surge = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getMaxSurge();
        if (surge == null) {
            return (int) Math.ceil(replicas * 25 / 100.0);
        }
        if (surge.getIntVal() != null) {
            return surge.getIntVal();
        }
        String text = surge.getStrVal() == null ? "25%" : surge.getStrVal();
        try {
            int percent = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            return (int) Math.ceil(replicas * percent / 100.0);
        } catch (NumberFormatException e) {
            return 0; // validation refuses such a value before it gets here
        }
    }

    /** A ReplicaSet's {@link #REVISION}, 0 when it has none. */
    public static long revision(ReplicaSet rs) {
        Map<String, String> annotations = rs.getMetadata().getAnnotations();
        try {
            return annotations == null || annotations.get(REVISION) == null ? 0
                    : Long.parseLong(annotations.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private ReplicaSet newReplicaSet(Deployment deployment, String name, String hash, int replicas, long revision) {
        PodTemplateSpec template = ObjectCopier.deepCopy(deployment.getSpec().getTemplate());
        Map<String, String> labels = new LinkedHashMap<>(
                Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        labels.put("pod-template-hash", hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelectorBuilder(deployment.getSpec().getSelector())
                .addToMatchLabels("pod-template-hash", hash).build();
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(deployment.getMetadata().getNamespace())
                .withLabels(labels)
                .addToAnnotations(DESIRED_REPLICAS, Integer.toString(replicas))
                .addToAnnotations(MAX_REPLICAS, Integer.toString(replicas + maxSurge(deployment, replicas)))
                .addToAnnotations(REVISION, Long.toString(revision))
                .withOwnerReferences(Owners.controllerRef(deployment)).endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(selector).endSpec()
                .build();
        // The deployment controller copies the Deployment's annotations to its new ReplicaSet; the one kubectl
        // rollout history shows is the change cause.
        Map<String, String> annotations = deployment.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(CHANGE_CAUSE) != null) {
            rs.getMetadata().getAnnotations().put(CHANGE_CAUSE, annotations.get(CHANGE_CAUSE));
        }
        // Set, not passed to the builder, which would copy the template (already this ReplicaSet's own) once more.
        rs.getSpec().setTemplate(template);
        return rs;
    }

    private boolean updateStatus(ControllerContext context, Deployment deployment, ReplicaSet current,
                                 List<ReplicaSet> owned) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (ReplicaSet rs : owned) {
            if (rs.getStatus() == null) {
                continue;
            }
            replicas += Objects.requireNonNullElse(rs.getStatus().getReplicas(), 0);
            ready += Objects.requireNonNullElse(rs.getStatus().getReadyReplicas(), 0);
            available += Objects.requireNonNullElse(rs.getStatus().getAvailableReplicas(), 0);
        }
        if (current.getStatus() != null) {
            updated = Objects.requireNonNullElse(current.getStatus().getReplicas(), 0);
        }
        int desired = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        boolean isAvailable = available >= desired;
        List<DeploymentCondition> conditions = List.of(
                new DeploymentConditionBuilder().withType("Available").withStatus(isAvailable ? "True" : "False")
                        .withReason(isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .withMessage(isAvailable ? "Deployment has minimum availability."
                                : "Deployment does not have minimum availability.").build(),
                new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                        .withReason("NewReplicaSetAvailable")
                        .withMessage("ReplicaSet \"" + current.getMetadata().getName() + "\" has successfully progressed.")
                        .build());
        ReplicaSetCondition failure = current.getStatus() == null || current.getStatus().getConditions() == null
                ? null : current.getStatus().getConditions().stream()
                .filter(c -> "ReplicaFailure".equals(c.getType())).findFirst().orElse(null);
        if (failure != null) {
            // getReplicaFailures: the new ReplicaSet's failure to create pods becomes the Deployment's condition.
            conditions = new ArrayList<>(conditions);
            conditions.add(new DeploymentConditionBuilder().withType("ReplicaFailure").withStatus("True")
                    .withReason(failure.getReason()).withMessage(failure.getMessage())
                    .withLastTransitionTime(failure.getLastTransitionTime())
                    .withLastUpdateTime(failure.getLastTransitionTime()).build());
        }
        DeploymentStatus status = new DeploymentStatus();
        status.setObservedGeneration(deployment.getMetadata().getGeneration());
        status.setReplicas(replicas);
        status.setUpdatedReplicas(updated);
        status.setReadyReplicas(ready == 0 ? null : ready);
        status.setAvailableReplicas(available == 0 ? null : available);
        status.setUnavailableReplicas(replicas - available <= 0 ? null : replicas - available);
        status.setConditions(conditions);
        if (sameStatus(deployment.getStatus(), status)) {
            return false;
        }
        Deployment own = context.store().get(Deployment.class, "Deployment", deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName()).orElseThrow();
        own.setStatus(status);
        context.store().touch(own);
        return true;
    }

    private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        return a != null && Objects.equals(a.getReplicas(), b.getReplicas())
                && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
                && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && Objects.equals(a.getConditions(), b.getConditions());
    }

    /**
     * The label value that names a pod template, computed like the deployment controller's {@code ComputeHash}:
     * FNV-32a over the template's content ({@link TemplateHash}), then the decimal hash safe-encoded. The values
     * differ from a real cluster's, but they change exactly when the template's content changes.
     */
    static String podTemplateHash(PodTemplateSpec template) {
        return ControllerContext.safeEncode(Integer.toUnsignedString(TemplateHash.of(template)));
    }

    @Override
    public Changes changes() {
        return changes;
    }
}
