package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubectl output forms the scenarios lean on, as kubectl prints them. */
class KubectlOutputTest {

    private Scenario s;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("seed-web.yaml");
    }

    @Test
    void jsonpathPrintsOnlyTheSelectedValue() {
        assertThat(s.run("kubectl get svc web -o jsonpath={.spec.ports[0].targetPort}").stdout()).isEqualTo("http");
        assertThat(s.run("kubectl get svc web -o=jsonpath='{.metadata.name}'").stdout()).isEqualTo("web");
    }

    @Test
    void getAllAsYamlIsOneListOfEveryKind() {
        String yaml = s.out("kubectl get all -o yaml");
        assertThat(yaml).startsWith("apiVersion: v1\nitems:\n").contains("kind: Pod").contains("kind: Service")
                .contains("kind: Deployment").contains("kind: ReplicaSet").contains("kind: List");
    }

    @Test
    void severalTypesAsYamlAreOneList() {
        ShellResult r = s.run("kubectl get svc,ingress -o yaml");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("kind: Service").contains("kind: Ingress").contains("kind: List");
    }

    @Test
    void podWithoutSpecIsDefaultedBeforeValidation() {
        s.file("x.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n");
        assertThat(s.run("kubectl apply -f x.yaml").stderr())
                .isEqualTo("The Pod \"x\" is invalid: spec.containers: Required value\n");
    }
}
