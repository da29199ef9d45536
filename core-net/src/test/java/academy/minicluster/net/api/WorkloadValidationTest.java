package academy.minicluster.net.api;

import static academy.minicluster.net.api.Fixtures.deployment;
import static academy.minicluster.net.api.Fixtures.object;
import static academy.minicluster.net.api.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadValidationTest {

    private final Validation validation = new Validation();

    private List<String> errors(String yaml) {
        return validation.validate(object(yaml)).stream().map(FieldError::toString).toList();
    }

    private static final String WEB_TEMPLATE = """
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: web
                    image: nginx
            """;

    @Test
    void aPlainDeploymentIsValid() {
        assertThat(errors(deployment(WEB_TEMPLATE))).isEmpty();
    }

    @Test
    void theSelectorMustMatchTheTemplateLabels() {
        String yaml = deployment(WEB_TEMPLATE.replace("      app: web\n    spec", "      app: x\n    spec"));

        assertThat(errors(yaml)).containsExactly("spec.template.metadata.labels: Invalid value: "
                + "map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`");
    }

    @Test
    void aMissingSelectorAlsoMatchesNothing() {
        String yaml = deployment(WEB_TEMPLATE.replace("  selector:\n    matchLabels:\n      app: web\n", ""));

        assertThat(errors(yaml)).containsExactly("spec.selector: Required value",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does "
                        + "not match template `labels`");
    }

    @Test
    void anEmptySelectorIsInvalidForADeployment() {
        String yaml = deployment(WEB_TEMPLATE.replace("  selector:\n    matchLabels:\n      app: web\n",
                "  selector: {}\n"));

        assertThat(errors(yaml)).containsExactly("spec.selector: Invalid value: v1.LabelSelector{"
                + "MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty "
                + "selector is invalid for deployment");
    }

    @Test
    void matchExpressionsSelectTemplates() {
        String yaml = deployment(WEB_TEMPLATE.replace("    matchLabels:\n      app: web\n",
                "    matchExpressions:\n    - key: app\n      operator: In\n      values: [web, api]\n"));

        assertThat(errors(yaml)).isEmpty();
    }

    @Test
    void replicasMayNotBeNegative() {
        assertThat(errors(deployment("  replicas: -1\n" + WEB_TEMPLATE))).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }

    @Test
    void containersAreRequired() {
        String yaml = deployment(WEB_TEMPLATE.replace("      containers:\n      - name: web\n        image: nginx\n",
                "      containers: []\n"));

        assertThat(errors(yaml)).containsExactly("spec.template.spec.containers: Required value");
    }

    @Test
    void aContainerNeedsAnImage() {
        String yaml = deployment(WEB_TEMPLATE.replace("        image: nginx\n", ""));

        assertThat(errors(yaml)).containsExactly("spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void aContainerNeedsAName() {
        assertThat(errors(pod("  containers:\n  - image: nginx\n"))).containsExactly(
                "spec.containers[0].name: Required value");
    }

    @Test
    void containerNamesAreUnique() {
        assertThat(errors(pod("  containers:\n  - name: a\n    image: nginx\n  - name: a\n    image: busybox\n")))
                .containsExactly("spec.containers[1].name: Duplicate value: \"a\"");
    }

    @Test
    void containerPortNamesAreIanaServiceNames() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - name: http-web-server-port\n      containerPort: 80\n");

        assertThat(errors(yaml)).containsExactly(
                "spec.containers[0].ports[0].name: Invalid value: \"http-web-server-port\": must be no more than 15 "
                        + "characters");
    }

    @Test
    void containerPortNamesNeedALetter() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - name: \"8080\"\n      containerPort: 8080\n");

        assertThat(errors(yaml)).containsExactly(
                "spec.containers[0].ports[0].name: Invalid value: \"8080\": must contain at least one letter (a-z)");
    }

    @Test
    void containerPortNamesMayNotHoldDoubleHyphens() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - name: http--alt\n      containerPort: 8080\n");

        assertThat(errors(yaml)).containsExactly(
                "spec.containers[0].ports[0].name: Invalid value: \"http--alt\": must not contain consecutive hyphens");
    }

    @Test
    void containerPortNamesAreUniqueWithinAPod() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - name: http\n      containerPort: 80\n    - name: http\n      containerPort: 8080\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].ports[1].name: Duplicate value: \"http\"");
    }

    @Test
    void containerPortsAreInRange() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 99999\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].ports[0].containerPort: Invalid value: 99999: "
                + "must be between 1 and 65535, inclusive");
    }

    @Test
    void aContainerPortIsRequiredInAPortEntry() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n    - name: http\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].ports[0].containerPort: Required value");
    }

    @Test
    void hostPortsAreInRange() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    ports:\n"
                + "    - containerPort: 80\n      hostPort: 70000\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be "
                + "between 1 and 65535, inclusive");
    }

    @Test
    void probePortsAreNumbersOrNames() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    readinessProbe:\n      httpGet:\n"
                + "        port: 0\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: "
                + "must be between 1 and 65535, inclusive");
    }

    @Test
    void aProbeNeedsAHandler() {
        String yaml = pod("  containers:\n  - name: web\n    image: nginx\n    readinessProbe:\n      periodSeconds: 5\n");

        assertThat(errors(yaml)).containsExactly("spec.containers[0].readinessProbe: Required value: must specify a "
                + "handler type");
    }

    @Test
    void deploymentTemplatesMustRestartAlways() {
        String yaml = deployment(WEB_TEMPLATE.replace("      containers:", "      restartPolicy: Never\n      containers:"));

        assertThat(errors(yaml)).containsExactly("spec.template.spec.restartPolicy: Unsupported value: \"Never\": "
                + "supported values: \"Always\"");
    }

    @Test
    void theDeploymentSelectorIsImmutable() {
        Deployment old = object(deployment(WEB_TEMPLATE));
        Deployment updated = object(deployment(WEB_TEMPLATE.replace("app: web", "app: api")));

        assertThat(validation.validateUpdate(old, updated)).extracting(FieldError::toString).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"api\"}, "
                        + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void scalingADeploymentIsAFineUpdate() {
        Deployment old = object(deployment(WEB_TEMPLATE));
        Deployment updated = object(deployment("  replicas: 5\n" + WEB_TEMPLATE));

        assertThat(validation.validateUpdate(old, updated)).isEmpty();
    }

    @Test
    void invalidDeploymentsAreNamedByKindInKubectlsMessage() {
        Deployment deployment = object(deployment("  replicas: -1\n" + WEB_TEMPLATE));

        assertThat(Validation.invalidMessage("Deployment", "web", validation.validate(deployment))).isEqualTo(
                "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal "
                        + "to 0");
        assertThat(Validation.statusMessage(ApiKind.DEPLOYMENT.qualifiedKind(), "web", validation.validate(deployment)))
                .startsWith("Deployment.apps \"web\" is invalid: spec.replicas");
    }
}
