package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code kubectl apply|create -f}: one outcome line per document, and errors as kubectl's {@code CheckErr} prints
 * them: alone ({@code The Service "bad" is invalid: ...}) or, several together, each as
 * {@code Error from server (Reason): error when creating "file": ...}; the valid documents are still applied.
 */
class KubectlApplyTest {

    private static final String GOOD = """
            apiVersion: v1
            kind: Service
            metadata:
              name: good
            spec:
              selector:
                app: web
              ports:
              - port: 80
            """;

    private static final String PORT_ZERO = """
            apiVersion: v1
            kind: Service
            metadata:
              name: bad
            spec:
              ports:
              - port: 0
            """;

    private static final String UNKNOWN_KIND = """
            apiVersion: v1
            kind: Servic
            metadata:
              name: x
            """;

    private static final String UNKNOWN_FIELD = """
            apiVersion: v1
            kind: Service
            metadata:
              name: z
            spec:
              prots:
              - port: 80
            """;

    private static final String IN_MISSING_NAMESPACE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: y
              namespace: nope
            spec:
              ports:
              - port: 80
            """;

    private final Shell shell = KubectlFixture.emptyCluster();

    private ShellResult apply(String verb, String... documents) {
        shell.putFile("x.yaml", String.join("---\n", documents));
        return shell.execute("kubectl " + verb + " -f x.yaml");
    }

    @Test
    void applyPrintsCreatedForEachNewObject() {
        ShellResult r = KubectlFixture.emptyCluster().execute("kubectl apply -f -", GOOD + "---\n"
                + GOOD.replace("good", "other"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("service/good created\nservice/other created\n");
    }

    @Test
    void aDocumentWithoutMetadataIsRefusedAsKubectlRefusesIt() {
        String noMetadata = """
                apiVersion: v1
                kind: Service
                spec:
                  ports:
                  - port: 80
                """;

        ShellResult applied = apply("apply", noMetadata);
        ShellResult created = apply("create", noMetadata);

        assertThat(applied.exitCode()).isEqualTo(1);
        assertThat(applied.stderr()).isEqualTo("""
                error: error when retrieving current configuration of:
                Resource: "/v1, Resource=services", GroupVersionKind: "/v1, Kind=Service"
                Name: "", Namespace: "default"
                from server for: "x.yaml": resource name may not be empty
                """);
        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.stderr()).isEqualTo("""
                The Service "" is invalid: metadata.name: Required value: name or generateName is required
                """);
    }

    @Test
    void reapplyingTheSameObjectIsUnchanged() {
        apply("apply", GOOD);

        assertThat(apply("apply", GOOD).stdout()).isEqualTo("service/good unchanged\n");
    }

    @Test
    void applyingAChangedObjectIsConfigured() {
        apply("apply", GOOD);

        assertThat(apply("apply", GOOD.replace("port: 80", "port: 81")).stdout()).isEqualTo("service/good configured\n");
    }

    @Test
    void deploymentIsNamedWithItsGroup() {
        Shell web = KubectlFixture.emptyCluster();
        web.putFile("web.yaml", KubectlFixture.resource("/shell/web.yaml"));

        assertThat(web.execute("kubectl apply -f web.yaml").stdout()).isEqualTo("""
                deployment.apps/web created
                service/web created
                service/web-nodeport created
                service/web-lb created
                ingress.networking.k8s.io/web created
                pod/client created
                """);
    }

    @Test
    void aSingleInvalidObjectIsWordedFromTheStatusDetails() {
        ShellResult r = apply("apply", GOOD, PORT_ZERO);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("service/good created\n");
        assertThat(r.stderr()).isEqualTo("""
                The Service "bad" is invalid: \n\
                * spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive
                * spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive
                """);
    }

    @Test
    void theValidDocumentsAreAppliedDespiteAnInvalidOne() {
        apply("apply", PORT_ZERO, GOOD);

        assertThat(shell.execute("kubectl get svc good -o name").stdout()).isEqualTo("service/good\n");
    }

    @Test
    void severalErrorsArePrintedEachWithItsSource() {
        ShellResult r = apply("apply", PORT_ZERO, UNKNOWN_KIND, IN_MISSING_NAMESPACE, UNKNOWN_FIELD, GOOD);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEqualTo("service/good created\n");
        assertThat(r.stderr()).isEqualTo("""
                resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Servic" in version "v1"
                ensure CRDs are installed first
                Error from server (Invalid): error when creating "x.yaml": Service "bad" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]
                Error from server (NotFound): error when creating "x.yaml": namespaces "nope" not found
                Error from server (BadRequest): error when creating "x.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.prots"
                """);
    }

    @Test
    void unknownKindAloneIsAnError() {
        ShellResult r = apply("apply", UNKNOWN_KIND);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("""
                error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Servic" in version "v1"
                ensure CRDs are installed first
                """);
    }

    @Test
    void unknownFieldIsAStrictDecodingError() {
        assertThat(apply("apply", UNKNOWN_FIELD).stderr()).isEqualTo("Error from server (BadRequest): error when "
                + "creating \"x.yaml\": Service in version \"v1\" cannot be handled as a Service: strict decoding error: "
                + "unknown field \"spec.prots\"\n");
    }

    @Test
    void objectInAMissingNamespaceIsNotFound() {
        assertThat(apply("apply", IN_MISSING_NAMESPACE).stderr()).isEqualTo(
                "Error from server (NotFound): error when creating \"x.yaml\": namespaces \"nope\" not found\n");
    }

    @Test
    void createOfAnExistingObjectIsAlreadyExists() {
        apply("create", GOOD);
        ShellResult r = apply("create", GOOD);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(
                "Error from server (AlreadyExists): error when creating \"x.yaml\": services \"good\" already exists\n");
    }

    @Test
    void createPrintsCreated() {
        assertThat(apply("create", GOOD).stdout()).isEqualTo("service/good created\n");
    }

    @Test
    void missingFileStopsTheCommand() {
        ShellResult r = shell.execute("kubectl apply -f nofile.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: the path \"nofile.yaml\" does not exist\n");
    }

    @Test
    void applyWithoutFileAsksForOne() {
        assertThat(shell.execute("kubectl apply").stderr()).isEqualTo("error: must specify one of -f and -k\n");
    }

    @Test
    void hereDocumentFeedsStandardInput() {
        var results = shell.runScript("""
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team-a
                EOF
                kubectl get ns team-a -o name
                """);

        assertThat(results).extracting(ShellResult::stdout)
                .containsExactly("namespace/team-a created\n", "namespace/team-a\n");
    }

    @Test
    void quotedHereDocumentMarkerWorksToo() {
        var results = shell.runScript("kubectl apply -f - <<'EOF'\n" + GOOD + "EOF\n");

        assertThat(results).extracting(ShellResult::stdout).containsExactly("service/good created\n");
    }

    private static String configMapOfBytes(String name, int bytes) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  blob: "
                + "x".repeat(bytes) + "\n";
    }

    @Test
    void aConfigMapOverOneMebibyteIsRejectedAsTheApiServerRejectsIt() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("big.yaml", configMapOfBytes("big", 1024 * 1024 + 1));

        ShellResult r = shell.execute("kubectl create -f big.yaml");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(
                "The ConfigMap \"big\" is invalid: []: Too long: may not be more than 1048576 bytes\n");
        assertThat(shell.execute("kubectl get configmap big").stderr()).contains("NotFound");
    }

    @Test
    void aConfigMapOfExactlyOneMebibyteIsAccepted() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("edge.yaml", configMapOfBytes("edge", 1024 * 1024));

        assertThat(shell.execute("kubectl create -f edge.yaml").stdout()).isEqualTo("configmap/edge created\n");
    }

    @Test
    void aSecretOverOneMebibyteIsRejectedOnItsData() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\nstringData:\n  blob: "
                + "y".repeat(1024 * 1024 + 10) + "\n");

        ShellResult r = shell.execute("kubectl create -f secret.yaml");

        assertThat(r.stderr()).isEqualTo(
                "The Secret \"big\" is invalid: data: Too long: may not be more than 1048576 bytes\n");
    }

    @Test
    void appliedTheSameSecretAlsoOverflowsTheAnnotationsWithItsRecord() {
        Shell shell = KubectlFixture.emptyCluster();
        shell.putFile("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: big\nstringData:\n  blob: "
                + "y".repeat(1024 * 1024 + 10) + "\n");

        ShellResult r = shell.execute("kubectl apply -f secret.yaml");

        assertThat(r.stderr()).isEqualTo("""
                The Secret "big" is invalid: \n\
                * metadata.annotations: Too long: may not be more than 262144 bytes
                * data: Too long: may not be more than 1048576 bytes
                """);
    }
}
