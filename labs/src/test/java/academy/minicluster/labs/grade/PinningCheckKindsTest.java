package academy.minicluster.labs.grade;

import static academy.minicluster.labs.Fixtures.WEB_AND_CLIENT;
import static academy.minicluster.labs.Fixtures.indent;
import static academy.minicluster.labs.Fixtures.lab;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;
import academy.minicluster.labs.probe.ProbeSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check kinds that pin a task down: matrix, likeReference and answer, passing and failing. */
class PinningCheckKindsTest {

    /** WEB_AND_CLIENT plus a second netshoot pod, other, and an Ingress for web.example.com. */
    private static final String START = WEB_AND_CLIENT + """
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: other
            spec:
              containers:
                - name: tools
                  image: nicolaka/netshoot
                  command: ["sleep", "infinity"]
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
            spec:
              ingressClassName: nginx
              rules:
                - host: web.example.com
                  http:
                    paths:
                      - path: /app
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
            """;

    /** Only client may reach web, on port 80; everything else to web is dropped. */
    private static final String ONLY_CLIENT = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: web-from-client
            spec:
              podSelector:
                matchLabels:
                  app: web
              policyTypes: [Ingress]
              ingress:
                - from:
                    - podSelector:
                        matchLabels:
                          run: client
                  ports:
                    - port: 80
            """;

    private static final String LABEL_CLIENT = "kubectl label pod client run=client\n";

    private static CheckResult only(String checksYaml, Submission submission) {
        GradeResult r = Grader.grade(lab(START, checksYaml), submission);
        assertThat(r.checks()).hasSize(1);
        return r.checks().get(0);
    }

    private static Submission onlyClient() {
        return new Submission(java.util.List.of(new Submission.Commands("label.sh", LABEL_CLIENT),
                new Submission.Manifests("policy.yaml", ONLY_CLIENT)));
    }

    // ------------------------------------------------------------------------------------------ matrix

    private static final String MATRIX = """
            - id: c
              title: t
              matrix:
                from:
                  client: {pod: client}
                  other: {pod: other}
                to:
                  web: {selector: app=web}
                  web-svc: {service: web}
                expect:
                  - {from: client, to: [web, web-svc], ports: [80], allowed: true}
                unlisted: denied
            """;

    @Test
    void matrixPassesWhenEveryCellAndTheUnlistedOnesBehave() {
        CheckResult r = only(MATRIX, onlyClient());
        assertThat(r.verdict()).as(r.explanation()).isEqualTo(Verdict.PASS);
        // client -> 2 web pods + the Service; other -> 2 web pods + the Service (unlisted, declared port 80).
        assertThat(r.explanation()).isEqualTo("all 6 connections of the matrix behave as expected");
    }

    @Test
    void matrixFailsOnWhatMustStayClosedNamingTheCell() {
        CheckResult r = only(MATRIX, Submission.EMPTY);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("other -> web (other -> web-").contains(":80/TCP) is allowed, must be blocked")
                .contains("other -> web-svc (other -> Service web 10.");
        assertThat(r.command()).startsWith("kubectl exec other -- nc -z -w 1 10.244.");
    }

    @Test
    void matrixFailsOnABlockedCellWithThePolicyThatDecided() {
        CheckResult r = only(MATRIX, Submission.manifests(ONLY_CLIENT));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("client -> web (client -> web-").contains("is blocked, must be allowed")
                .contains("NetworkPolicy default/web-from-client");
    }

    @Test
    void matrixProbesTheApiServerDnsAndAnIngressPath() {
        CheckResult r = only("""
                - id: c
                  title: t
                  matrix:
                    from:
                      client: {pod: client}
                      outside: workstation
                    to:
                      kubernetes: apiServer
                      dns: dns
                      app: {ingress: {host: web.example.com, path: /app}}
                      apis: {ingress: {host: web.example.com, path: /apps}}
                    expect:
                      - {from: client, to: [kubernetes, dns], allowed: true}
                      - {from: outside, to: app, allowed: true}
                      - {from: outside, to: apis, allowed: false}
                """, Submission.EMPTY);
        assertThat(r.verdict()).as(r.explanation()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).isEqualTo("all 4 connections of the matrix behave as expected");
    }

    @Test
    void matrixSaysWhenAnIngressPathIsNotRouted() {
        CheckResult r = only("""
                - id: c
                  title: t
                  matrix:
                    from: {outside: workstation}
                    to: {apis: {ingress: {host: web.example.com, path: /apps}}}
                    expect:
                      - {from: outside, to: apis, allowed: true}
                """, Submission.EMPTY);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        // The symptom names the cell; the cause (after "decided by") the hop that stopped it (h-labs' split).
        assertThat(r.explanation()).startsWith("outside -> apis (workstation -> http://web.example.com/apps) is "
                + "blocked, must be allowed; decided by outside -> apis: ingress-nginx: ");
    }

    @Test
    void aMatrixRowNamingAnUndefinedDestinationIsALabError() {
        assertThatThrownBy(() -> lab(START, """
                - id: c
                  title: t
                  matrix:
                    from: {client: {pod: client}}
                    to: {web: {selector: app=web}}
                    expect:
                      - {from: client, to: api, ports: [80], allowed: true}
                """)).hasMessageContaining("\"api\" is not one of the matrix's destinations (web)");
    }

    @Test
    void policyMatrixLabsStillRead() {
        CheckResult r = only("""
                - id: c
                  title: t
                  policyMatrix:
                    port: 80
                    pods:
                      other: {pod: other}
                      web: {selector: app=web}
                    expect:
                      - {from: other, to: web, allowed: false}
                """, onlyClient());
        assertThat(r.verdict()).as(r.explanation()).isEqualTo(Verdict.PASS);
    }

    // ------------------------------------------------------------------------------------------ likeReference

    private static Lab referenceLab() {
        String text = "id: like-fixture\nversion: 1\ntitle: Fixture\nsummary: Only client reaches web.\n"
                + "difficulty: beginner\nminutes: 5\nlesson: services-and-clusterip\n"
                + "start:\n  manifests: |\n" + indent(START, 4)
                + "tasks: Only client may reach web, on port 80.\nhints:\n  - Look.\n"
                + "solutions:\n  - id: policy\n    manifests: |\n" + indent(ONLY_CLIENT, 6)
                + "    commands: |\n" + indent(LABEL_CLIENT, 6)
                + "checks:\n  - id: like\n    title: answers like the reference\n    likeReference: {}\n";
        try {
            return LabParser.parse(text, "like-fixture.yaml");
        } catch (LabFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void likeReferencePassesForTheReferenceAndAnotherWayOfWritingIt() {
        Lab lab = referenceLab();
        CheckResult r = Grader.grade(lab, Submission.of(lab.solutions().get(0).steps())).checks().get(0);
        assertThat(r.verdict()).as(r.explanation()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).startsWith("your cluster answers like the reference's on all ");

        // Selecting web by its Service's label and client by name, with the port by name: the same answers.
        String other = ONLY_CLIENT.replace("port: 80", "port: 80\n          protocol: TCP")
                .replace("name: web-from-client", "name: allow-client");
        CheckResult alt = Grader.grade(lab, new Submission(java.util.List.of(
                new Submission.Commands("label.sh", LABEL_CLIENT), new Submission.Manifests("p.yaml", other))))
                .checks().get(0);
        assertThat(alt.verdict()).as(alt.explanation()).isEqualTo(Verdict.PASS);
    }

    @Test
    void likeReferenceFailsWithADiffALearnerCanRead() {
        CheckResult r = Grader.grade(referenceLab(), Submission.EMPTY).checks().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).contains("from default/other to web:80 yours connects; the reference's times out");
    }

    @Test
    void likeReferenceCatchesARuleWithoutPortsOnTheUndeclaredPort() {
        String noPorts = ONLY_CLIENT.replace("""
                      ports:
                        - port: 80
                """, "");
        CheckResult r = Grader.grade(referenceLab(), new Submission(java.util.List.of(
                new Submission.Commands("label.sh", LABEL_CLIENT), new Submission.Manifests("p.yaml", noPorts))))
                .checks().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).isEqualTo("from default/client to web:9999 yours is refused; the reference's "
                + "times out");
    }

    @Test
    void likeReferenceNamesAMissingWorkloadOnce() {
        CheckResult r = Grader.grade(referenceLab(), Submission.commands(LABEL_CLIENT
                + "kubectl delete pod other\n")).checks().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("yours has no pod of default/other; the reference's does");
    }

    @Test
    void likeReferenceProbesIngressNearMisses() {
        assertThat(ProbeSet.nearMisses("/api")).containsExactly("/api", "/api/", "/apis", "/API", "/api/x");
        assertThat(ProbeSet.nearMisses("/api/")).containsExactly("/api/", "/api", "/apis", "/API", "/api/x");
        assertThat(ProbeSet.nearMisses("/")).containsExactly("/", "//", "/x");
    }

    @Test
    void aLikeReferenceCheckWithoutTheSolutionItNamesIsALabError() {
        assertThatThrownBy(() -> lab(START, "- {id: c, title: t, likeReference: {solution: nope}}"))
                .hasMessageContaining("solution \"nope\", which the lab does not have (solutions: nothing)");
    }

    // ------------------------------------------------------------------------------------------ answer

    private static final String WHICH_NODE = """
            - id: node
              title: Which node runs client?
              answer:
                question: Which node runs pod client?
                expect: {field: {kind: Pod, name: client, path: spec.nodeName}}
            """;

    @Test
    void answerPassesWhenTheSubmittedValueIsTheClustersWhateverWasTyped() {
        Lab lab = lab(START, WHICH_NODE);
        String node = Grader.prepare(lab, Submission.EMPTY).execute(
                "kubectl get pod client -o jsonpath={.spec.nodeName}").stdout();
        CheckResult r = Grader.grade(lab, Submission.EMPTY.withAnswers(Map.of("node", " " + node.toUpperCase() + "\n")))
                .checks().get(0);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).isEqualTo("\"" + node.toUpperCase() + "\" is right");
    }

    @Test
    void answerFailsOnAWrongOrMissingAnswerWithoutGivingItAway() {
        Lab lab = lab(START, WHICH_NODE);
        CheckResult wrong = Grader.grade(lab, Submission.commands("kubectl get pods -o wide")
                .withAnswers(Map.of("node", "control-plane"))).checks().get(0);
        assertThat(wrong.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(wrong.explanation()).isEqualTo("\"control-plane\" is not the answer to \"Which node runs pod client?\"");
        CheckResult none = Grader.grade(lab, Submission.commands("kubectl get pods -o wide")).checks().get(0);
        assertThat(none.explanation()).isEqualTo("no answer given to \"Which node runs pod client?\"");
    }

    @Test
    void answerWithFixedValues() {
        Lab lab = lab(START, """
                - id: port
                  title: t
                  answer:
                    question: "Which port does web listen on?"
                    expect: {oneOf: [80, http]}
                """);
        assertThat(Grader.grade(lab, Submission.EMPTY.withAnswers(Map.of("port", "HTTP"))).checks().get(0).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(Grader.grade(lab, Submission.EMPTY.withAnswers(Map.of("port", "8080"))).checks().get(0).verdict())
                .isEqualTo(Verdict.FAIL);
    }
}
