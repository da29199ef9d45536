package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl.kubernetes.io/last-applied-configuration}: what client-side {@code kubectl apply} records on the
 * object (kubectl's {@code GetModifiedConfiguration}), where it shows, and kube-apiserver's 256 KiB limit on all
 * annotations of an object, which {@code apply} can hit with an object {@code create} still accepts.
 */
class KubectlLastAppliedTest {

    private final Shell shell = KubectlFixture.emptyCluster();

    private static final String SERVICE = """
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
            """;

    /** The file as kubectl encodes it: keys sorted, namespace added, empty annotations, a trailing newline. */
    private static final String SERVICE_APPLIED = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
            + "{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"ports\":[{\"port\":80,"
            + "\"targetPort\":8080}],\"selector\":{\"app\":\"web\"}}}\n";

    private String lastApplied(String kindAndName) {
        return shell.execute("kubectl get " + kindAndName + " -o jsonpath='{.metadata.annotations."
                + "kubectl\\.kubernetes\\.io/last-applied-configuration}'").stdout();
    }

    @Test
    void applyRecordsTheFileAsCompactSortedJson() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(lastApplied("svc web")).isEqualTo(SERVICE_APPLIED);
    }

    @Test
    void outputYamlShowsItAsALiteralBlock() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(shell.execute("kubectl get svc web -o yaml").stdout()).contains("""
                metadata:
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: |
                      %s  creationTimestamp:""".formatted(SERVICE_APPLIED));
    }

    @Test
    void outputJsonShowsItEscaped() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(shell.execute("kubectl get svc web -o json").stdout()).contains(
                "\"kubectl.kubernetes.io/last-applied-configuration\": \"{\\\"apiVersion\\\":\\\"v1\\\",");
    }

    @Test
    void createDoesNotRecordIt() {
        shell.execute("kubectl create -f -", SERVICE);

        assertThat(shell.execute("kubectl get svc web -o jsonpath={.metadata.annotations}").stdout()).isEmpty();
    }

    @Test
    void createWithSaveConfigRecordsIt() {
        shell.execute("kubectl create --save-config -f -", SERVICE);

        assertThat(lastApplied("svc web")).isEqualTo(SERVICE_APPLIED);
    }

    @Test
    void describeLeavesItOut() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(shell.execute("kubectl describe svc web").stdout()).contains("\nAnnotations:              <none>\n");
    }

    @Test
    void theFilesOwnAnnotationsAreKeptAndRecordedWithHtmlCharactersEscaped() {
        shell.execute("kubectl apply -f -", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: conf
                  namespace: default
                  annotations:
                    team: a&b <ops>
                data:
                  n: "1"
                """);

        assertThat(lastApplied("cm conf")).isEqualTo("{\"apiVersion\":\"v1\",\"data\":{\"n\":\"1\"},"
                + "\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"team\":\"a\\u0026b \\u003cops\\u003e\"},"
                + "\"name\":\"conf\",\"namespace\":\"default\"}}\n");
        assertThat(shell.execute("kubectl get cm conf -o jsonpath={.metadata.annotations.team}").stdout())
                .isEqualTo("a&b <ops>");
    }

    @Test
    void theNamespaceIsTheOneKubectlSendsTo() {
        shell.execute("kubectl create namespace shop");
        shell.execute("kubectl apply -n shop -f -", SERVICE);

        assertThat(lastApplied("svc web -n shop")).contains("\"namespace\":\"shop\"");
    }

    @Test
    void aClusterScopedObjectHasNoNamespace() {
        shell.execute("kubectl apply -f -", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n");

        assertThat(lastApplied("ns shop")).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"annotations\":{},\"name\":\"shop\"}}\n");
    }

    @Test
    void applyingTheSameFileAgainIsUnchanged() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(shell.execute("kubectl apply -f -", SERVICE).stdout()).isEqualTo("service/web unchanged\n");
    }

    @Test
    void applyingAChangeRecordsTheNewFile() {
        shell.execute("kubectl apply -f -", SERVICE);

        assertThat(shell.execute("kubectl apply -f -", SERVICE.replace("8080", "9090")).stdout())
                .isEqualTo("service/web configured\n");
        assertThat(lastApplied("svc web")).isEqualTo(SERVICE_APPLIED.replace("8080", "9090"));
    }

    @Test
    void reapplyingTheYamlOfTheObjectDoesNotNestTheOldAnnotation() {
        shell.execute("kubectl apply -f -", SERVICE);
        String yaml = shell.execute("kubectl get svc web -o yaml").stdout();

        shell.execute("kubectl apply -f -", yaml);

        String recorded = lastApplied("svc web");
        assertThat(recorded).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"annotations\":{},")
                .doesNotContain("last-applied-configuration").contains("\"resourceVersion\":");
    }

    @Test
    void replaceOfAFileCarryingTheRecordBringsItUpToDate() {
        shell.execute("kubectl apply -f -", SERVICE);
        String yaml = shell.execute("kubectl get svc web -o yaml").stdout().replace("targetPort: 8080", "targetPort: 9090");

        assertThat(shell.execute("kubectl replace -f -", yaml).stdout()).isEqualTo("service/web replaced\n");
        assertThat(lastApplied("svc web")).contains("\"targetPort\":9090").doesNotContain("8080");
    }

    @Test
    void replaceOfAFileWithoutTheRecordWritesNone() {
        shell.execute("kubectl create -f -", SERVICE);

        shell.execute("kubectl replace -f -", SERVICE.replace("8080", "9090"));

        assertThat(shell.execute("kubectl get svc web -o jsonpath={.metadata.annotations}").stdout()).isEmpty();
    }

    private static String configMapOfBytes(String name, int bytes) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  blob: "
                + "x".repeat(bytes) + "\n";
    }

    @Test
    void applyOfAnObjectWhoseRecordExceedsTheAnnotationLimitIsInvalid() {
        shell.putFile("big.yaml", configMapOfBytes("big", 300 * 1000));

        ShellResult r = shell.execute("kubectl apply -f big.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("The ConfigMap \"big\" is invalid: metadata.annotations: Too long: "
                + "may not be more than 262144 bytes\n");
        assertThat(shell.execute("kubectl get cm big").stderr())
                .isEqualTo("Error from server (NotFound): configmaps \"big\" not found\n");
    }

    @Test
    void createOfTheSameObjectSucceeds() {
        shell.putFile("big.yaml", configMapOfBytes("big", 300 * 1000));

        assertThat(shell.execute("kubectl create -f big.yaml").stdout()).isEqualTo("configmap/big created\n");
    }

    @Test
    void theLimitCountsKeysAndValuesInBytes() {
        // The record of this ConfigMap is the blob plus 124 bytes of JSON; with the key, 262144 bytes exactly.
        int blob = 262144 - "kubectl.kubernetes.io/last-applied-configuration".length() - 124;
        shell.putFile("edge.yaml", configMapOfBytes("edge", blob));
        shell.putFile("over.yaml", configMapOfBytes("over", blob + 1));

        assertThat(shell.execute("kubectl apply -f edge.yaml").stdout()).isEqualTo("configmap/edge created\n");
        assertThat(shell.execute("kubectl apply -f over.yaml").stderr()).contains("metadata.annotations: Too long");
    }
}
