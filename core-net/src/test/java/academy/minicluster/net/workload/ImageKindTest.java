package academy.minicluster.net.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageKindTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "nginx, NGINX",
            "nginx:1.27, NGINX",
            "docker.io/library/nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d, NGINX",
            "docker.io/library/nginx:1.27-alpine@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d, NGINX",
            "localhost:5000/nginx:dev, NGINX",
            "hashicorp/http-echo:1.0, HTTP_ECHO",
            "registry.k8s.io/e2e-test-images/agnhost:2.53, AGNHOST",
            "traefik/whoami:v1.10, WHOAMI",
            "busybox:1.36, BUSYBOX",
            "docker.io/curlimages/curl:8.14.1, CURL",
            "nicolaka/netshoot, NETSHOOT",
            "registry.k8s.io/pause:3.10, PAUSE",
            "registry.k8s.io/coredns/coredns:v1.11.3, COREDNS",
            "registry.k8s.io/ingress-nginx/controller:v1.12.1, INGRESS_NGINX_CONTROLLER",
            "bitnami/nginx, UNKNOWN",
            "ghcr.io/acme/shop:2.1, UNKNOWN"
    })
    void recognisesTheRepositoryWhateverRegistryTagOrDigest(String image, ImageKind expected) {
        assertThat(ImageKind.of(image)).isEqualTo(expected);
    }
}
