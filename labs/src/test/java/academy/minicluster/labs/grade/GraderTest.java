package academy.minicluster.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.labs.lab.Lab;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grading built-in labs: right answers written any way pass, near misses fail exactly the checks they should. */
class GraderTest {

    private static Lab builtIn(String id) {
        try {
            return BuiltInLabs.load(id).orElseThrow();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final Lab CLUSTERIP = builtIn("first-clusterip-service");
    private static final Lab SELECTOR = builtIn("fix-wrong-selector");
    private static final Lab PATHTYPE = builtIn("fix-ingress-pathtype");

    private static final String HELLO_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: hello
            spec:
              selector:
                app: hello
              ports:
                - port: 80
                  targetPort: %s
            """;

    @Test
    void startingStateScoresLessThanFullMarks() {
        GradeResult r = Grader.grade(CLUSTERIP, Submission.EMPTY);

        assertThat(r.score()).isLessThan(r.max());
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void kubectlInsteadOfYamlPasses() {
        GradeResult r = Grader.grade(CLUSTERIP, Submission.commands(
                "kubectl expose deployment hello --port=80 --target-port=http"));

        assertThat(r.failedIds()).isEmpty();
        assertThat(r.score()).isEqualTo(r.max());
    }

    @Test
    void extraObjectsAndOtherNamesDoNotGetInTheWay() {
        String yaml = HELLO_SERVICE.formatted("5678") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: hello-debug
                  labels: {purpose: debugging}
                spec:
                  selector:
                    app: hello
                  ports:
                    - name: echo
                      port: 8080
                      targetPort: 5678
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: notes
                data:
                  why: "an extra object the lab did not ask for"
                """;

        assertThat(Grader.grade(CLUSTERIP, Submission.manifests(yaml)).failedIds()).isEmpty();
    }

    @Test
    void wrongTargetPortFailsTheEndpointsAndTheProbeButNotThePort() {
        GradeResult r = Grader.grade(CLUSTERIP, Submission.manifests(HELLO_SERVICE.formatted("8080")));

        assertThat(r.failedIds()).containsExactly("three-endpoints-on-5678", "client-reaches-hello");
        assertThat(r.check("three-endpoints-on-5678").explanation())
                .contains("Service default/hello port 80 forwards to targetPort 8080, but the containers of pod hello-")
                .contains("listen on 5678");
        assertThat(r.check("client-reaches-hello").explanation()).contains("curl: (7)");
        assertThat(r.score()).isEqualTo(2);
    }

    @Test
    void wrongSelectorExplanationNamesTheServiceAndTheDeploymentsLabels() {
        GradeResult r = Grader.grade(SELECTOR, Submission.EMPTY);

        assertThat(r.check("ready-endpoints").explanation()).isEqualTo("Service default/web has 0 ready endpoints, "
                + "expected 2: Service default/web selects app=web; no pod in default has that label; pods of "
                + "Deployment web are labelled app=frontend");
        assertThat(r.check("client-reaches-web").trace()).anySatisfy(h -> assertThat(h.passed()).isFalse());
    }

    @Test
    void relabellingThePodsInsteadOfTheServiceAlsoPasses() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: whoami
                          image: traefik/whoami
                """;
        // The selector of a Deployment cannot change: delete it first, as a learner would.
        Submission s = new Submission(List.of(new Submission.Commands("fix.sh", "kubectl delete deployment web"),
                new Submission.Manifests("web.yaml", deployment)));

        assertThat(Grader.grade(SELECTOR, s).failedIds()).isEmpty();
    }

    @Test
    void prefixOnTheWrongPathFailsOnlyTheSubpathChecks() {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: api
                spec:
                  ingressClassName: nginx
                  rules:
                    - host: shop.example.com
                      http:
                        paths:
                          - path: /
                            pathType: Prefix
                            backend:
                              service:
                                name: api
                                port:
                                  number: 80
                """;

        GradeResult r = Grader.grade(PATHTYPE, Submission.manifests(ingress));

        // Version 2 of the lab also asks that /apix and / get the 404 (a root Prefix is a wrong answer, issue 12).
        assertThat(r.failedIds()).containsExactly("apis-not-routed", "root-not-routed", "root-404");
        assertThat(r.check("apis-not-routed").explanation()).startsWith("http://shop.example.com/apis goes to Service "
                + "default/api through Ingress default/api (answered by pod api-").contains("path / (Prefix)");
    }

    @Test
    void aRejectedDocumentIsReportedAndTheRestIsStillGraded() {
        String yaml = HELLO_SERVICE.formatted("5678") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: Bad_Name
                spec:
                  ports:
                    - port: 80
                """;

        GradeResult r = Grader.grade(CLUSTERIP, Submission.manifests(yaml));

        assertThat(r.errors()).singleElement().asString().startsWith("submission.yaml: ").contains("Bad_Name");
        assertThat(r.failedIds()).isEmpty();
    }

    @Test
    void unparsableYamlGetsAResultWithItsError() {
        GradeResult r = Grader.grade(CLUSTERIP, Submission.manifests("kind: Service\nmetadata: [oops\n"));

        assertThat(r.errors()).isNotEmpty();
        assertThat(r.checks()).hasSize(CLUSTERIP.checks().size());
        assertThat(r.score()).isLessThan(r.max());
    }

    @Test
    void aFailingKubectlCommandIsReportedAsAnError() {
        GradeResult r = Grader.grade(CLUSTERIP, Submission.commands("kubectl expose deployment nope --port=80"));

        assertThat(r.errors()).singleElement().asString()
                .startsWith("transcript.sh: `kubectl expose deployment nope --port=80`: Error from server (NotFound)");
    }

    @Test
    void fixingOnlyTheSelectorOfTheShopLeavesExactlyThePortChecksFailing() {
        Lab shop = builtIn("troubleshoot-the-shop");
        String service = """
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
                      targetPort: 80
                """;

        GradeResult r = Grader.grade(shop, Submission.manifests(service));

        assertThat(r.failedIds()).containsExactly("endpoints-port", "frontend-reaches-api");
        assertThat(r.check("endpoints-port").explanation()).contains("on port 80 instead of 8080")
                .contains("Service shop/api port 80 forwards to targetPort 80");
        assertThat(r.check("frontend-reaches-api").explanation()).contains("curl: (7)")
                .contains("nothing listens on");
    }

    @Test
    void aPolicyOnTheServicePortInsteadOfThePodPortBlocksTheFrontend() {
        Lab lab = builtIn("default-deny-then-allow");
        String policies = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: deny
                  namespace: shop
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: allow-frontend
                  namespace: shop
                spec:
                  podSelector:
                    matchLabels:
                      app: api
                  ingress:
                    - from:
                        - podSelector:
                            matchLabels:
                              app: frontend
                      ports:
                        - port: 80
                """;

        GradeResult r = Grader.grade(lab, Submission.manifests(policies));

        // The likeReference check sees it too: frontend's 8080 to the api pods is closed, the reference's open.
        assertThat(r.failedIds()).containsExactly("matrix-8080", "frontend-through-service", "like-the-reference");
        assertThat(r.check("matrix-8080").explanation()).startsWith("frontend -> api (frontend -> api-")
                .contains("is blocked, must be allowed");
    }

    @Test
    void clusterTrafficPolicyFailsOnlyTheLocalChecks() {
        Lab lab = builtIn("loadbalancer-keep-client-ip");

        GradeResult r = Grader.grade(lab, Submission.commands(
                "kubectl expose deployment web --type=LoadBalancer --port=80"));

        assertThat(r.failedIds()).containsExactly("policy-local", "workstation-seen");
        assertThat(r.check("workstation-seen").explanation())
                .contains("answered without \"RemoteAddr: 172.18.0.1:\"")
                .contains("SNAT (masquerade)");
    }

    @Test
    void gradingIsDeterministic() {
        Submission s = Submission.manifests(HELLO_SERVICE.formatted("8080"));

        assertThat(Grader.grade(CLUSTERIP, s)).isEqualTo(Grader.grade(CLUSTERIP, s));
    }
}
