package academy.minicluster.net.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    private static PodTemplateSpec template(Map<String, String> labels, String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).addNewPort().withContainerPort(80)
                .endPort().endContainer().endSpec().build();
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    @Test
    void theSameContentHasTheSameHash() {
        assertThat(DeploymentController.podTemplateHash(template(labels("app", "web"), "nginx")))
                .isEqualTo(DeploymentController.podTemplateHash(template(labels("app", "web"), "nginx")));
    }

    @Test
    void labelsWrittenInAnotherOrderHaveTheSameHash() {
        assertThat(DeploymentController.podTemplateHash(template(labels("app", "web", "tier", "front"), "nginx")))
                .isEqualTo(DeploymentController.podTemplateHash(template(labels("tier", "front", "app", "web"), "nginx")));
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        String base = DeploymentController.podTemplateHash(template(labels("app", "web"), "nginx"));
        assertThat(DeploymentController.podTemplateHash(template(labels("app", "web"), "nginx:1.27"))).isNotEqualTo(base);
        assertThat(DeploymentController.podTemplateHash(template(labels("app", "web2"), "nginx"))).isNotEqualTo(base);
        PodTemplateSpec otherPort = template(labels("app", "web"), "nginx");
        otherPort.getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(8080);
        assertThat(DeploymentController.podTemplateHash(otherPort)).isNotEqualTo(base);
    }

    @Test
    void anEmptyListIsNoDifferentFromAnAbsentOne() {
        PodTemplateSpec withEmpty = template(labels("app", "web"), "nginx");
        withEmpty.getSpec().setVolumes(new java.util.ArrayList<>());
        PodTemplateSpec withNull = template(labels("app", "web"), "nginx");
        withNull.getSpec().setVolumes(null);
        assertThat(DeploymentController.podTemplateHash(withEmpty))
                .isEqualTo(DeploymentController.podTemplateHash(withNull));
    }

    @Test
    void theHashIsSafeEncodedAndStableAcrossRuns() {
        // Pinned: a change here renames every Deployment's pods, in the README and in learners' clusters.
        assertThat(DeploymentController.podTemplateHash(template(labels("app", "web"), "nginx")))
                .matches("[bcdfghjklmnpqrstvwxz2456789]+")
                .isEqualTo("7b8b9fdc59");
    }
}
