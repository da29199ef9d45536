package academy.minicluster.labs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.Steps;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each mutation operator, on the objects it edits: what it changes, named as a lint finding names it. */
class MutationsTest {

    private static final String POLICY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: api-allow-frontend
              namespace: shop
            spec:
              podSelector:
                matchLabels:
                  app: api
              policyTypes: [Ingress, Egress]
              ingress:
                - from:
                    - podSelector:
                        matchLabels:
                          app: frontend
                    - ipBlock:
                        cidr: 10.0.0.0/8
                        except: [10.1.0.0/16]
                  ports:
                    - protocol: TCP
                      port: 8080
              egress:
                - to:
                    - namespaceSelector: {}
            """;

    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: shop
            spec:
              ingressClassName: nginx
              tls:
                - hosts: [shop.example.com]
                  secretName: shop-tls
              rules:
                - host: shop.example.com
                  http:
                    paths:
                      - path: /api
                        pathType: Prefix
                        backend:
                          service: {name: api, port: {number: 80}}
            """;

    private static final String SERVICE_AND_DEPLOYMENT = """
            apiVersion: v1
            kind: Service
            metadata:
              name: api
              namespace: shop
            spec:
              selector:
                app: api
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: shop
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: api
              template:
                metadata:
                  labels:
                    app: api
                spec:
                  containers:
                    - name: netexec
                      image: registry.k8s.io/e2e-test-images/agnhost:2.53
                      readinessProbe:
                        httpGet: {path: /healthz, port: 8080}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: other
            """;

    private static List<String> described(String manifests, MutationOperator op) {
        return Mutations.ofManifests(manifests).stream().filter(m -> m.operator() == op)
                .map(Mutations.Mutation::description).toList();
    }

    private static String mutated(String manifests, String description) {
        return Mutations.ofManifests(manifests).stream().filter(m -> m.description().equals(description))
                .findFirst().orElseThrow(() -> new AssertionError("no mutant " + description)).steps().manifests();
    }

    @Test
    void deleteEachObject() {
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.DELETE_OBJECT)).containsExactly(
                "delete Service shop/api", "delete Deployment shop/api", "delete Namespace other");
        assertThat(mutated(SERVICE_AND_DEPLOYMENT, "delete Service shop/api")).doesNotContain("kind: \"Service\"")
                .contains("kind: \"Deployment\"");
        assertThat(described(INGRESS, MutationOperator.DELETE_OBJECT)).containsExactly("delete Ingress shop");
        assertThat(mutated(INGRESS, "delete Ingress shop")).isEmpty();
    }

    @Test
    void emptyAPodSelector() {
        assertThat(described(POLICY, MutationOperator.EMPTY_POD_SELECTOR)).containsExactly(
                "empty a podSelector of NetworkPolicy shop/api-allow-frontend (spec.podSelector "
                        + "{\"matchLabels\":{\"app\":\"api\"}} -> {})",
                "empty a podSelector of NetworkPolicy shop/api-allow-frontend (spec.ingress[0].from[0].podSelector "
                        + "{\"matchLabels\":{\"app\":\"frontend\"}} -> {})");
    }

    @Test
    void dropPortsPolicyTypesAndRules() {
        assertThat(described(POLICY, MutationOperator.DROP_PORTS)).containsExactly(
                "drop ports from NetworkPolicy shop/api-allow-frontend (spec.ingress[0].ports removed)");
        assertThat(mutated(POLICY, "drop ports from NetworkPolicy shop/api-allow-frontend (spec.ingress[0].ports "
                + "removed)")).doesNotContain("8080");
        assertThat(described(POLICY, MutationOperator.DROP_POLICY_TYPES)).containsExactly(
                "drop policyTypes from NetworkPolicy shop/api-allow-frontend (spec.policyTypes removed)");
        assertThat(described(POLICY, MutationOperator.DROP_RULE)).containsExactly(
                "drop a rule from NetworkPolicy shop/api-allow-frontend (spec.ingress[0] removed)",
                "drop a rule from NetworkPolicy shop/api-allow-frontend (spec.ingress[0].from[0] removed)",
                "drop a rule from NetworkPolicy shop/api-allow-frontend (spec.ingress[0].from[1] removed)",
                "drop a rule from NetworkPolicy shop/api-allow-frontend (spec.egress[0] removed)");
    }

    @Test
    void widenACidr() {
        assertThat(described(POLICY, MutationOperator.WIDEN_CIDR)).containsExactly(
                "widen a CIDR of NetworkPolicy shop/api-allow-frontend (spec.ingress[0].from[1].ipBlock.cidr "
                        + "10.0.0.0/8 -> 0.0.0.0/0)",
                "widen a CIDR of NetworkPolicy shop/api-allow-frontend (spec.ingress[0].from[1].ipBlock.except "
                        + "removed)");
    }

    @Test
    void ingressPathTypeSlashPathHostAndTls() {
        assertThat(described(INGRESS, MutationOperator.CHANGE_PATH_TYPE)).containsExactly(
                "change pathType of Ingress shop (spec.rules[0].http.paths[0].pathType Prefix -> Exact)");
        assertThat(described(INGRESS, MutationOperator.TRAILING_SLASH)).containsExactly(
                "add or remove a trailing slash on a path of Ingress shop (spec.rules[0].http.paths[0].path /api "
                        + "-> /api/)");
        assertThat(described(INGRESS, MutationOperator.CHANGE_PATH)).containsExactly(
                "change a path or host of Ingress shop (spec.rules[0].host shop.example.com -> xshop.example.com)",
                "change a path or host of Ingress shop (spec.rules[0].http.paths[0].path /api -> /)",
                "change a path or host of Ingress shop (spec.rules[0].http.paths[0].path /api -> /apix)");
        assertThat(described(INGRESS, MutationOperator.DROP_TLS_HOST)).containsExactly(
                "drop a TLS host from Ingress shop (spec.tls[0].hosts[0] removed)");
        assertThat(described(INGRESS, MutationOperator.CHANGE_PORT)).containsExactly(
                "change a port of Ingress shop (spec.rules[0].http.paths[0].backend.service.port.number 80 -> 81)");
    }

    @Test
    void targetPortSelectorNamespaceScaleAndProbe() {
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.CHANGE_TARGET_PORT)).containsExactly(
                "change targetPort of Service shop/api (spec.ports[0].targetPort 8080 -> 8081)");
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.CHANGE_SELECTOR)).containsExactly(
                "change a selector or label of Service shop/api (spec.selector.app api -> apix)",
                "change a selector or label of Deployment shop/api (spec.selector.matchLabels.app api -> apix)",
                "change a selector or label of Deployment shop/api (spec.template.metadata.labels.app api -> apix)");
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.CHANGE_NAMESPACE)).containsExactly(
                "change the namespace of Service shop/api (metadata.namespace shop -> other)",
                "change the namespace of Deployment shop/api (metadata.namespace shop -> other)");
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.SCALE_TO_ZERO)).containsExactly(
                "scale to 0 Deployment shop/api (spec.replicas 2 -> 0)");
        assertThat(described(SERVICE_AND_DEPLOYMENT, MutationOperator.REMOVE_READINESS_PROBE)).containsExactly(
                "remove the readinessProbe of Deployment shop/api "
                        + "(spec.template.spec.containers[0].readinessProbe removed)");
        assertThat(mutated(SERVICE_AND_DEPLOYMENT, "scale to 0 Deployment shop/api (spec.replicas 2 -> 0)"))
                .contains("replicas: 0");
        assertThat(mutated(SERVICE_AND_DEPLOYMENT, "remove the readinessProbe of Deployment shop/api "
                + "(spec.template.spec.containers[0].readinessProbe removed)")).doesNotContain("healthz");
    }

    @Test
    void commandsLoseALineOrAnArgument() {
        Steps steps = new Steps("", 0, """
                kubectl delete service web
                kubectl expose deployment web --port=80 --target-port=8080
                """);

        assertThat(Mutations.of(steps)).extracting(Mutations.Mutation::description).containsExactly(
                "leave out `kubectl delete service web`",
                "leave out `kubectl expose deployment web --port=80 --target-port=8080`",
                "change --port=80 to --port=81 in a command",
                "change --target-port=8080 to --target-port=8081 in a command");
        assertThat(Mutations.of(steps).get(0).steps().commands())
                .isEqualTo("kubectl expose deployment web --port=80 --target-port=8080\n");
    }

    @Test
    void everyOperatorIsExercised() {
        Set<MutationOperator> seen = EnumSet.noneOf(MutationOperator.class);
        for (String m : List.of(POLICY, INGRESS, SERVICE_AND_DEPLOYMENT)) {
            Mutations.ofManifests(m).forEach(x -> seen.add(x.operator()));
        }
        Mutations.ofCommands("kubectl expose deployment web --port=80\n").forEach(x -> seen.add(x.operator()));

        assertThat(seen).containsExactlyInAnyOrder(MutationOperator.values());
    }

    @Test
    void mutantsAreDeterministic() {
        assertThat(Mutations.ofManifests(POLICY + "---\n" + INGRESS)).isEqualTo(Mutations.ofManifests(POLICY + "---\n"
                + INGRESS));
        assertThat(Mutations.ofManifests(POLICY).stream().map(Mutations.Mutation::description)
                .collect(Collectors.toSet())).hasSameSizeAs(Mutations.ofManifests(POLICY));
    }
}
