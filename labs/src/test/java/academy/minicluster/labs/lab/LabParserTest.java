package academy.minicluster.labs.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import academy.minicluster.labs.check.CheckKind;
import academy.minicluster.labs.check.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabParserTest {

    private static final String VALID = """
            id: tiny
            version: 2
            title: Tiny
            summary: A tiny lab.
            difficulty: beginner
            minutes: 5
            lesson: services-and-clusterip
            profile: ipvs
            start:
              commands: kubectl create deployment web --image=traefik/whoami
            tasks: |
              Expose web.
            hints:
              - Use kubectl expose.
            solutions:
              - id: expose
                commands: kubectl expose deployment web --port=80
            checks:
              - id: endpoints
                title: web has one endpoint
                points: 2
                endpoints: {service: web, ready: 1}
              - id: reach
                title: reach web
                reach:
                  from: {selector: app=client, namespace: shop}
                  run: curl -sS http://web/
                  expect: {status: 200}
              - id: typed
                title: used expose
                transcript: {uses: kubectl expose}
            """;

    private static List<LabError> errors(String text) {
        try {
            LabParser.parse(text, "bad.yaml");
        } catch (LabFormatException e) {
            return e.errors();
        }
        throw new AssertionError("parsed without errors");
    }

    @Test
    void readsEveryPartOfAValidLab() throws Exception {
        Lab lab = LabParser.parse(VALID, "tiny.yaml");

        assertThat(lab.id()).isEqualTo("tiny");
        assertThat(lab.version()).isEqualTo(2);
        assertThat(lab.profile()).isEqualTo("ipvs");
        assertThat(lab.start().commands()).contains("kubectl create deployment");
        assertThat(lab.hints()).containsExactly("Use kubectl expose.");
        assertThat(lab.solutions()).extracting(Solution::id).containsExactly("expose");
        assertThat(lab.maxScore()).isEqualTo(4);
        assertThat(lab.checks().get(0).kind()).isEqualTo(new CheckKind.ReadyEndpoints("default", "web", 1, null));
        CheckKind.Reach reach = (CheckKind.Reach) lab.checks().get(1).kind();
        assertThat(reach.from()).isEqualTo(new Origin.FromPod("shop", null, "app=client", null));
        assertThat(reach.expect().status()).isEqualTo(200);
        assertThat(lab.checks().get(2).kind()).isEqualTo(new CheckKind.TranscriptUses("kubectl expose"));
    }

    @Test
    void unknownKeyIsAnErrorWithFileLineAndField() {
        List<LabError> errors = errors(VALID.replace("endpoints: {service: web, ready: 1}",
                "endpoints: {servcie: web, ready: 1}"));

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("bad.yaml");
            assertThat(e.line()).isEqualTo(22);
            assertThat(e.field()).isEqualTo("checks[0].endpoints.servcie");
            assertThat(e.message()).contains("unknown field \"servcie\"");
        });
    }

    @Test
    void unknownTopLevelKeyNamesTheKnownOnes() {
        List<LabError> errors = errors(VALID.replace("minutes: 5", "minutes: 5\nestimate: 7"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.toString()).startsWith("bad.yaml:7: estimate: unknown field").contains("minutes");
        });
    }

    @Test
    void policyMatrixCellNamingAnUndeclaredGroupIsABadReference() {
        String matrix = """
                  - id: matrix
                    title: m
                    policyMatrix:
                      port: 8080
                      pods:
                        frontend: {pod: frontend}
                      expect:
                        - {from: frontend, to: api, allowed: true}
                """;
        List<LabError> errors = errors(VALID + matrix);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("checks[3].policyMatrix.expect[0].to");
            assertThat(e.message()).contains("\"api\" is not one of the matrix's pods (frontend)");
            assertThat(e.line()).isEqualTo(39);
        });
    }

    @Test
    void unknownProfileIsRefused() {
        assertThat(errors(VALID.replace("profile: ipvs", "profile: calico")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("unknown profile \"calico\""));
    }

    @Test
    void checkIdsMustBeUnique() {
        assertThat(errors(VALID.replace("id: typed", "id: reach")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("check id \"reach\" is used twice"));
    }

    @Test
    void aCheckMustSayWhatItChecks() {
        assertThat(errors(VALID.replace("    transcript: {uses: kubectl expose}\n", "")))
                .singleElement().satisfies(e -> assertThat(e.message()).startsWith("says nothing to check"));
    }

    @Test
    void aManifestTheApiServerWouldRefuseIsReportedAtItsLineInTheLab() {
        String text = VALID.replace("start:\n  commands: kubectl create deployment web --image=traefik/whoami\n",
                "start:\n  manifests: |\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n"
                        + "    spec:\n      portz: []\n");

        assertThat(errors(text)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("start.manifests");
            assertThat(e.message()).contains("portz");
            assertThat(e.line()).isGreaterThan(9);
        });
    }

    @Test
    void hintsAndTasksAreRequired() {
        String text = VALID.replace("tasks: |\n  Expose web.\n", "").replace("hints:\n  - Use kubectl expose.\n", "");

        assertThat(errors(text)).extracting(LabError::field).containsExactlyInAnyOrder("tasks", "hints");
    }

    @Test
    void invalidYamlIsOneErrorWithItsLine() {
        assertThatThrownBy(() -> LabParser.parse("id: x\ntitle: [unclosed\n", "broken.yaml"))
                .isInstanceOf(LabFormatException.class)
                .hasMessageStartingWith("broken.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void reachAllReplicasNeedsAWorkloadToReach() {
        String text = VALID.replace("  expect: {status: 200}", "  expect: {status: 200}\n      attempts: 5\n"
                + "      reachAllReplicas: true");

        assertThat(errors(text)).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("checks[1].reach.reachAllReplicas"));
    }
}
