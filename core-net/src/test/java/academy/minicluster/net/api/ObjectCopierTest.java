package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectCopierTest {

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("default")
                .addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("whoami").withImage("traefik/whoami")
                .addNewPort().withName("http").withContainerPort(80).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString("http"))
                .endHttpGet().endReadinessProbe()
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).endResources()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.1.2").endStatus().build();
    }

    @Test
    void aCopyEqualsItsOriginal() {
        Pod original = pod();
        assertThat(ObjectCopier.deepCopy(original)).isEqualTo(original).isNotSameAs(original);
    }

    @Test
    void writingIntoTheCopyLeavesTheOriginalAlone() {
        Pod original = pod();
        Pod copy = ObjectCopier.deepCopy(original);
        copy.getMetadata().getLabels().put("app", "api");
        copy.getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(8080);
        copy.getStatus().setPhase("Failed");
        copy.getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().setPath("/healthz");
        assertThat(original).isEqualTo(pod());
    }

    @Test
    void keepsNullsAndEmptyListsApart() {
        Pod original = pod();
        original.getSpec().setVolumes(null);
        original.getSpec().setTolerations(List.of());
        Pod copy = ObjectCopier.deepCopy(original);
        assertThat(copy.getSpec().getVolumes()).isNull();
        assertThat(copy.getSpec().getTolerations()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAKubernetesObject() {
        assertThatThrownBy(() -> ObjectCopier.deepCopy(new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Kubernetes object");
    }
}
