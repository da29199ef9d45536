package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * kube-apiserver's RBAC rules ({@code pkg/apis/rbac/validation/validation.go} and {@code pkg/apis/rbac/v1/defaults.go})
 * for Role, ClusterRole, RoleBinding and ClusterRoleBinding. Nothing here authorizes: the mini-cluster's API server
 * answers every request as {@code cluster-admin} (kind's kubeconfig), so these objects are stored, shown and
 * validated, and read by learners, but grant nothing.
 */
final class RbacValidation {

    static final String GROUP = "rbac.authorization.k8s.io";

    private RbacValidation() {
    }

    /** {@code SetDefaults_RoleBinding}, {@code SetDefaults_ClusterRoleBinding}, {@code SetDefaults_Subject}. */
    static void defaults(RoleRef roleRef, List<Subject> subjects) {
        if (roleRef != null && (roleRef.getApiGroup() == null || roleRef.getApiGroup().isEmpty())) {
            roleRef.setApiGroup(GROUP);
        }
        for (Subject subject : Objects.requireNonNullElse(subjects, List.<Subject>of())) {
            if (subject.getApiGroup() == null || subject.getApiGroup().isEmpty()) {
                String kind = Objects.requireNonNullElse(subject.getKind(), "");
                subject.setApiGroup(kind.equals("User") || kind.equals("Group") ? GROUP : null);
            }
        }
    }

    static List<FieldError> role(Role role) {
        return rules(role.getRules(), true);
    }

    static List<FieldError> clusterRole(ClusterRole role) {
        return rules(role.getRules(), false);
    }

    static List<FieldError> roleBinding(RoleBinding binding) {
        return binding(binding.getRoleRef(), binding.getSubjects(), List.of("Role", "ClusterRole"), true);
    }

    static List<FieldError> clusterRoleBinding(ClusterRoleBinding binding) {
        return binding(binding.getRoleRef(), binding.getSubjects(), List.of("ClusterRole"), false);
    }

    /** {@code ValidateRoleBindingUpdate}: a binding's roleRef never changes (delete and recreate it instead). */
    static List<FieldError> roleRefUpdate(RoleRef old, RoleRef updated) {
        if (Objects.equals(old, updated)) {
            return List.of();
        }
        RoleRef r = updated == null ? new RoleRef() : updated;
        return List.of(FieldError.invalid("roleRef", "rbac.RoleRef{APIGroup:\"" + nullToEmpty(r.getApiGroup())
                + "\", Kind:\"" + nullToEmpty(r.getKind()) + "\", Name:\"" + nullToEmpty(r.getName()) + "\"}",
                "cannot change roleRef").rawValue());
    }

    /** {@code ValidatePolicyRule}. */
    private static List<FieldError> rules(List<PolicyRule> rules, boolean namespaced) {
        List<FieldError> errors = new ArrayList<>();
        List<PolicyRule> all = Objects.requireNonNullElse(rules, List.of());
        for (int i = 0; i < all.size(); i++) {
            PolicyRule rule = all.get(i);
            String path = "rules[" + i + "]";
            if (isEmpty(rule.getVerbs())) {
                errors.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
            }
            if (!isEmpty(rule.getNonResourceURLs())) {
                String urls = goStrings(rule.getNonResourceURLs());
                if (namespaced) {
                    errors.add(FieldError.invalid(path + ".nonResourceURLs", urls,
                            "namespaced rules cannot apply to non-resource URLs").rawValue());
                }
                if (!isEmpty(rule.getApiGroups()) || !isEmpty(rule.getResources())
                        || !isEmpty(rule.getResourceNames())) {
                    errors.add(FieldError.invalid(path + ".nonResourceURLs", urls,
                            "rules cannot apply to both regular resources and non-resource URLs").rawValue());
                }
                continue;
            }
            if (isEmpty(rule.getApiGroups())) {
                errors.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
            }
            if (isEmpty(rule.getResources())) {
                errors.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
            }
        }
        return errors;
    }

    /** {@code ValidateRoleBinding} / {@code ValidateClusterRoleBinding} and {@code ValidateRoleBindingSubject}. */
    private static List<FieldError> binding(RoleRef roleRef, List<Subject> subjects, List<String> roleKinds,
                                            boolean namespaced) {
        List<FieldError> errors = new ArrayList<>();
        RoleRef ref = roleRef == null ? new RoleRef() : roleRef;
        if (!GROUP.equals(ref.getApiGroup())) {
            errors.add(FieldError.notSupported("roleRef.apiGroup", nullToEmpty(ref.getApiGroup()), List.of(GROUP)));
        }
        if (!roleKinds.contains(nullToEmpty(ref.getKind()))) {
            errors.add(FieldError.notSupported("roleRef.kind", nullToEmpty(ref.getKind()), roleKinds));
        }
        if (nullToEmpty(ref.getName()).isEmpty()) {
            errors.add(FieldError.required("roleRef.name", ""));
        } else {
            for (String message : ApiKind.NameRule.PATH_SEGMENT.check(ref.getName())) {
                errors.add(FieldError.invalid("roleRef.name", ref.getName(), message));
            }
        }
        List<Subject> all = Objects.requireNonNullElse(subjects, List.of());
        for (int i = 0; i < all.size(); i++) {
            Subject subject = all.get(i);
            String path = "subjects[" + i + "]";
            String name = nullToEmpty(subject.getName());
            if (name.isEmpty()) {
                errors.add(FieldError.required(path + ".name", ""));
            }
            switch (nullToEmpty(subject.getKind())) {
                case "ServiceAccount" -> {
                    if (!name.isEmpty()) {
                        for (String message : Formats.dns1123Subdomain(name)) {
                            errors.add(FieldError.invalid(path + ".name", name, message));
                        }
                    }
                    if (!nullToEmpty(subject.getApiGroup()).isEmpty()) {
                        errors.add(FieldError.notSupported(path + ".apiGroup", subject.getApiGroup(), List.of("")));
                    }
                    if (!namespaced && nullToEmpty(subject.getNamespace()).isEmpty()) {
                        errors.add(FieldError.required(path + ".namespace", ""));
                    }
                }
                case "User", "Group" -> {
                    if (!GROUP.equals(subject.getApiGroup())) {
                        errors.add(FieldError.notSupported(path + ".apiGroup", nullToEmpty(subject.getApiGroup()),
                                List.of(GROUP)));
                    }
                }
                default -> errors.add(FieldError.notSupported(path + ".kind", nullToEmpty(subject.getKind()),
                        List.of("ServiceAccount", "User", "Group")));
            }
        }
        return errors;
    }

    private static boolean isEmpty(List<String> values) {
        return values == null || values.isEmpty();
    }

    private static String goStrings(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add("\"" + v + "\""));
        return "[]string{" + String.join(", ", quoted) + "}";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
