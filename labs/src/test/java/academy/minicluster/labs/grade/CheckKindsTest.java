package academy.minicluster.labs.grade;

import static academy.minicluster.labs.Fixtures.WEB_AND_CLIENT;
import static academy.minicluster.labs.Fixtures.lab;
import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.Lab;
import org.junit.jupiter.api.Test;

/** One pass and one fail case for each kind of check, over the web-and-client fixture. */
class CheckKindsTest {

    private static CheckResult only(String checksYaml) {
        return only(checksYaml, Submission.EMPTY);
    }

    private static CheckResult only(String checksYaml, Submission submission) {
        Lab lab = lab(WEB_AND_CLIENT, checksYaml);
        GradeResult r = Grader.grade(lab, submission);
        assertThat(r.checks()).hasSize(1);
        return r.checks().get(0);
    }

    @Test
    void existsPassesForAnObjectThatIsThere() {
        CheckResult r = only("- {id: c, title: t, exists: {kind: Service, name: web}}");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.points()).isEqualTo(1);
    }

    @Test
    void existsFailsAndListsWhatIsThere() {
        CheckResult r = only("- {id: c, title: t, exists: {kind: Service, name: api}}");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.points()).isZero();
        assertThat(r.explanation()).isEqualTo("Service default/api does not exist; Services in default: kubernetes, web");
    }

    @Test
    void fieldPassesWhenAnySelectedValueMatches() {
        CheckResult r = only("- {id: c, title: t, field: {kind: Service, name: web, path: 'spec.ports[*].targetPort', equals: 80}}");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void fieldFailsSayingWhatTheValueIs() {
        CheckResult r = only("- {id: c, title: t, field: {kind: Service, name: web, path: spec.type, equals: NodePort}}");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).isEqualTo("Service default/web: spec.type is ClusterIP; expected NodePort");
    }

    @Test
    void podsCountsReadyPodsOfASelector() {
        CheckResult r = only("- {id: c, title: t, pods: {selector: app=web, count: 2, ready: true}}");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void podsFailsNamingTheLabelsThatAreThere() {
        CheckResult r = only("- {id: c, title: t, pods: {selector: app=frontend, count: 2}}");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("app=frontend matches 0 pods in default; expected 2; pods there: client");
    }

    @Test
    void endpointsPassesWithTheReadyEndpointsOnThePort() {
        CheckResult r = only("- {id: c, title: t, endpoints: {service: web, ready: 2, port: 80}}");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void endpointsFailsExplainingTheSelectorMismatch() {
        CheckResult r = only("- {id: c, title: t, endpoints: {service: web, ready: 2}}",
                Submission.commands("kubectl label pods -l app=web app=frontend --overwrite\n"
                        + "kubectl delete deployment web"));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).contains("Service default/web selects app=web; no pod in default has that label");
    }

    @Test
    void endpointsFailsOnTheWrongPortNamingWhereThePodsListen() {
        CheckResult r = only("- {id: c, title: t, endpoints: {service: web, ready: 2, port: 80}}",
                Submission.manifests("""
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector:
                            app: web
                          ports:
                            - port: 80
                              targetPort: 8080
                        """));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).contains("on port 8080 instead of 80")
                .contains("Service default/web port 80 forwards to targetPort 8080, but the containers of pod web-")
                .contains("listen on 80");
    }

    private static final String INGRESS = """
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

    @Test
    void ingressPassesWhenTheControllerRoutesToTheService() {
        CheckResult r = only("- {id: c, title: t, ingress: {host: web.example.com, path: /app/x, service: web}}",
                Submission.manifests(INGRESS));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).startsWith("http://web.example.com/app/x goes to Service default/web through "
                + "Ingress default/web (answered by pod web-").endsWith(" with HTTP 200)");
        assertThat(r.command()).isEqualTo("curl -sS -o /dev/null -H 'Host: web.example.com' http://172.18.255.200/app/x");
    }

    @Test
    void ingressFailsWithTheControllersAnswer() {
        CheckResult r = only("- {id: c, title: t, ingress: {host: web.example.com, path: /other, service: web}}",
                Submission.manifests(INGRESS));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("http://web.example.com/other gets ingress-nginx's 404");
        assertThat(r.trace()).isNotEmpty();
    }

    @Test
    void reachPassesWhenServedByTheWorkload() {
        CheckResult r = only("""
                - id: c
                  title: t
                  reach:
                    from: {pod: client}
                    run: curl -sS http://web/
                    expect: {status: 200, servedBy: {deployment: web}}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).contains("was served by web-").contains("with HTTP 200");
        // The learner's command as typed: the status is read from what curl observed, not from an appended -w.
        assertThat(r.command()).isEqualTo("kubectl exec client -- curl -sS http://web/");
        assertThat(r.trace()).isNotEmpty();
    }

    @Test
    void reachFailsWithTheToolsErrorAndTheHopThatStoppedIt() {
        CheckResult r = only("""
                - id: c
                  title: t
                  reach:
                    from: {pod: client}
                    run: curl -sS --connect-timeout 3 http://web/
                    expect: {success: true}
                """, Submission.commands("kubectl scale deployment web --replicas=0"));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("`curl -sS --connect-timeout 3 http://web/` from pod client failed: exit 7, curl: (7)")
                .contains("stopped at SERVICE").contains("(Service default/web)");
    }

    @Test
    void reachAllReplicasNeedsEveryReadyPodToAnswer() {
        CheckResult r = only("""
                - id: c
                  title: t
                  reach:
                    from: {pod: client}
                    run: curl -sS http://web/
                    attempts: 12
                    reachAllReplicas: true
                    expect: {servedBy: {deployment: web}}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void reachFromTheWorkstationCannotReachAPodIp() {
        CheckResult r = only("""
                - id: c
                  title: t
                  reach:
                    from: workstation
                    run: curl -sS --connect-timeout 1 http://10.96.0.10:53/
                    expect: {success: false}
                """);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.explanation()).contains("failed, as required");
    }

    private static final String DENY_ALL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny-all
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """;

    private static final String MATRIX = """
            - id: c
              title: t
              policyMatrix:
                port: 80
                pods:
                  client: {pod: client}
                  web: {selector: app=web}
                expect:
                  - {from: client, to: web, allowed: true}
            """;

    @Test
    void policyMatrixPassesWhenEveryCellBehaves() {
        assertThat(only(MATRIX).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void policyMatrixFailsNamingThePolicyThatBlocked() {
        CheckResult r = only(MATRIX, Submission.manifests(DENY_ALL));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).startsWith("client -> web (client -> web-").contains("is blocked, must be allowed")
                .contains("NetworkPolicy default/deny-all");
    }

    @Test
    void transcriptPassesWhenTheLearnerTypedTheCommand() {
        CheckResult r = only("- {id: c, title: t, transcript: {uses: kubectl get services}}",
                Submission.commands("k get svc -n default"));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void transcriptFailsListingWhatWasTyped() {
        CheckResult r = only("- {id: c, title: t, transcript: {uses: kubectl expose}}",
                Submission.commands("kubectl get pods"));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.explanation()).isEqualTo("no command you ran starts with `kubectl expose`; you ran: `kubectl get pods`");
    }
}
