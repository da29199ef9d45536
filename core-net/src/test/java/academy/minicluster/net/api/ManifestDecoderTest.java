package academy.minicluster.net.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDecoderTest {

    private final ManifestDecoder decoder = new ManifestDecoder();

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

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
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

    private String onlyError(String text) {
        DecodeResult result = decoder.decode(text, "web.yaml");
        assertThat(result.objects()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0).message();
    }

    @Test
    void decodesAServiceIntoTheFabric8Type() {
        DecodeResult result = decoder.decode(SERVICE, "web.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).singleElement().satisfies(d -> {
            assertThat(d.object()).isInstanceOf(Service.class);
            assertThat(((Service) d.object()).getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
            assertThat(d.source()).isEqualTo("web.yaml");
            assertThat(d.document()).isEqualTo(1);
            assertThat(d.line()).isEqualTo(1);
        });
    }

    @Test
    void decodesEveryDocumentOfAMultiDocumentStreamWithItsStartLine() {
        DecodeResult result = decoder.decode(DEPLOYMENT + "---\n" + SERVICE, "web.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(d -> d.object().getKind())
                .containsExactly("Deployment", "Service");
        assertThat(result.objects()).extracting(Decoded::document).containsExactly(1, 2);
        assertThat(result.objects()).extracting(Decoded::line).containsExactly(1, 19);
    }

    @Test
    void skipsEmptyAndCommentOnlyDocuments() {
        DecodeResult result = decoder.decode("---\n# nothing here\n---\n\n---\n" + SERVICE + "---\n", "web.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).singleElement().satisfies(d -> assertThat(d.document()).isEqualTo(1));
    }

    @Test
    void unpacksTheItemsOfAList() {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: a
                - apiVersion: networking.k8s.io/v1
                  kind: Ingress
                  metadata:
                    name: b
                """;

        DecodeResult result = decoder.decode(list, "list.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(d -> d.object().getKind())
                .containsExactly("ConfigMap", "Ingress");
    }

    @Test
    void decodesJson() {
        String json = """
                {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                 "spec": {"ports": [{"port": 80}]}}
                """;

        DecodeResult result = decoder.decode(json, "web.json");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).singleElement()
                .satisfies(d -> assertThat(d.object().getMetadata().getName()).isEqualTo("web"));
    }

    @Test
    void reportsAnUnknownFieldAsKubectlApplyDoes() {
        String message = onlyError(SERVICE.replace("selector:", "selectr:"));

        assertThat(message).isEqualTo("Error from server (BadRequest): error when creating \"web.yaml\": Service in "
                + "version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.selectr\"");
    }

    @Test
    void reportsEveryUnknownFieldWithItsPathThroughLists() {
        String message = onlyError(DEPLOYMENT.replace("image: nginx", "image: nginx\n        imagePullPolicyy: Always")
                .replace("replicas: 3", "replicas: 3\n  replica: 3"));

        assertThat(message).isEqualTo("Error from server (BadRequest): error when creating \"web.yaml\": Deployment in "
                + "version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field "
                + "\"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolicyy\"");
    }

    @Test
    void reportsAStringWhereANumberBelongsAsGoJsonDoes() {
        String message = onlyError(SERVICE.replace("port: 80", "port: \"80\""));

        assertThat(message).endsWith("cannot be handled as a Service: json: cannot unmarshal string into Go struct "
                + "field ServicePort.spec.ports.port of type int32");
    }

    @Test
    void reportsANumberWhereAStringBelongs() {
        String message = onlyError(SERVICE.replace("app: web", "app: 1.0"));

        assertThat(message).endsWith("json: cannot unmarshal number into Go struct field ServiceSpec.spec.selector "
                + "of type string");
    }

    @Test
    void reportsAnUnknownKindWithKubectlsHint() {
        String message = onlyError(SERVICE.replace("kind: Service", "kind: Servic"));

        assertThat(message).isEqualTo("resource mapping not found for name: \"web\" namespace: \"\" from \"web.yaml\": "
                + "no matches for kind \"Servic\" in version \"v1\"\nensure CRDs are installed first");
    }

    @Test
    void reportsAKindInAVersionTheServerDoesNotServe() {
        String message = onlyError(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1"));

        assertThat(message).contains("no matches for kind \"Deployment\" in version \"extensions/v1beta1\"");
    }

    @Test
    void reportsMissingKindAndApiVersionTogether() {
        String message = onlyError("metadata:\n  name: web\n");

        assertThat(message).isEqualTo("error validating \"web.yaml\": error validating data: [apiVersion not set, kind "
                + "not set]; if you choose to ignore these errors, turn validation off with --validate=false");
    }

    @Test
    void reportsAMissingKindAlone() {
        String message = onlyError("apiVersion: v1\nmetadata:\n  name: web\n");

        assertThat(message).isEqualTo("error validating \"web.yaml\": error validating data: kind not set; if you "
                + "choose to ignore these errors, turn validation off with --validate=false");
    }

    @Test
    void kubectlPrefixesItsOwnErrorsWithError() {
        DecodeError error = decoder.decode("apiVersion: v1\n", "web.yaml").errors().get(0);

        assertThat(error.fromServer()).isFalse();
        assertThat(error.printed()).startsWith("error: error validating \"web.yaml\"");
    }

    @Test
    void reportsAYamlSyntaxErrorWithGoYamlsWordingAndLine() {
        String broken = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                  - port: 80
                    name: http: x
                """;

        DecodeResult result = decoder.decode(broken, "web.yaml");

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("error parsing web.yaml: error converting YAML to JSON: yaml: line 8: "
                    + "mapping values are not allowed in this context");
            assertThat(e.line()).isEqualTo(8);
        });
    }

    @Test
    void countsSyntaxErrorLinesFromTheStartOfTheirDocument() {
        String stream = SERVICE + "---\nkind: Service\nmetadata:\n  name: a: b\n";

        DecodeResult result = decoder.decode(stream, "web.yaml");

        assertThat(result.objects()).hasSize(1);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).endsWith("yaml: line 3: mapping values are not allowed in this context");
            assertThat(e.line()).isEqualTo(14);
            assertThat(e.document()).isEqualTo(2);
        });
    }

    @Test
    void rejectsAYamlBombQuickly() {
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;

        String message = onlyError(bomb);

        assertThat(message).isEqualTo("error parsing web.yaml: error converting YAML to JSON: yaml: document contains "
                + "excessive aliasing");
    }

    @Test
    void rejectsASmallerAliasBombByItsExpandedSize() {
        String bomb = """
                a: &a ["x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e]
                """;

        assertThat(onlyError(bomb)).endsWith("yaml: document contains excessive aliasing");
    }

    @Test
    void expandsAliasesAsKubectlDoes() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cfg
                  labels: &labels
                    app: web
                  annotations: *labels
                """;

        DecodeResult result = decoder.decode(text, "cfg.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects().get(0).object().getMetadata().getAnnotations()).containsEntry("app", "web");
    }

    @Test
    void rejectsInputOverTenMegabytesBeforeParsing() {
        String huge = "#" + "x".repeat(ManifestDecoder.MAX_BYTES);

        String message = onlyError(huge);

        assertThat(message).isEqualTo("unable to read \"web.yaml\": the manifest is 10485761 bytes, more than the "
                + "10485760 bytes (10 MiB) the mini-cluster accepts");
    }

    @Test
    void rejectsTooManyDocuments() {
        String many = (SERVICE + "---\n").repeat(ManifestDecoder.MAX_DOCUMENTS + 1);

        DecodeResult result = decoder.decode(many, "web.yaml");

        assertThat(result.objects()).hasSize(ManifestDecoder.MAX_DOCUMENTS);
        assertThat(result.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("more than 1000 documents"));
    }

    @Test
    void rejectsDeepNestingWithoutAStackOverflow() {
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

        DecodeResult result = decoder.decode(deep, "web.yaml");

        assertThat(result.objects()).isEmpty();
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void neverThrowsOnGarbage() {
        List<String> garbage = List.of("\t", ":", "- - -", "{", "[", "{\"a\":}", "\"unterminated", "a: b: c",
                "*nope", "&a [*a]", "---x", "apiVersion: v1\nkind: Service\nmetadata: []\n", "\u0000\u0001",
                "apiVersion: v1\nkind: Service\nspec: 5\n", "42");
        for (String text : garbage) {
            DecodeResult result = decoder.decode(text, "STDIN");
            assertThat(result.objects()).as(text).isEmpty();
            assertThat(result.errors()).as(text).isNotEmpty();
        }
    }

    @Test
    void reportsANumberTooLargeForInt32() {
        String message = onlyError(DEPLOYMENT.replace("replicas: 3", "replicas: 99999999999"));

        assertThat(message).endsWith("json: cannot unmarshal number 99999999999 into Go struct field "
                + "DeploymentSpec.spec.replicas of type int32");
    }

    @Test
    void reportsAFractionWhereAnIntegerBelongs() {
        String message = onlyError(DEPLOYMENT.replace("replicas: 3", "replicas: 1.5"));

        assertThat(message).endsWith("json: cannot unmarshal number 1.5 into Go struct field "
                + "DeploymentSpec.spec.replicas of type int32");
    }

    @Test
    void reportsAScalarWhereAListBelongs() {
        String message = onlyError(SERVICE.replace("  ports:\n  - port: 80\n    targetPort: 8080\n", "  ports: 80\n"));

        assertThat(message).endsWith("json: cannot unmarshal number into Go struct field ServiceSpec.spec.ports of "
                + "type []v1.ServicePort");
    }

    @Test
    void reportsAnObjectWhereAnIntOrStringBelongs() {
        String message = onlyError(SERVICE.replace("targetPort: 8080", "targetPort: {port: 8080}"));

        assertThat(message).endsWith("json: cannot unmarshal object into Go struct field ServicePort.spec.ports.targetPort "
                + "of type intstr.IntOrString");
    }

    @Test
    void reportsUnknownFieldsInJson() {
        String message = onlyError("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\", "
                + "\"lables\": {}}}");

        assertThat(message).endsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding "
                + "error: unknown field \"metadata.lables\"");
    }

    @Test
    void reportsJsonSyntaxErrorsAsGoDoes() {
        String message = onlyError("{\"apiVersion\": \"v1\",}");

        assertThat(message).isEqualTo("error parsing web.yaml: invalid character '}' looking for beginning of object "
                + "key string");
    }

    @Test
    void decodesConcatenatedJsonObjects() {
        DecodeResult result = decoder.decode("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n"
                + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}\n", "cm.json");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).extracting(Decoded::line).containsExactly(1, 2);
    }

    @Test
    void rejectsADocumentSeparatorFollowedByText() {
        String message = onlyError(SERVICE + "--- oops\n" + SERVICE);

        assertThat(message).isEqualTo("error parsing web.yaml: invalid Yaml document separator: --- oops");
    }

    @Test
    void reportsGoYamlsLineForAParserError() {
        String broken = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n"
                + " targetPort: 8080\n";

        assertThat(onlyError(broken)).isEqualTo("error parsing web.yaml: error converting YAML to JSON: yaml: line 7: "
                + "did not find expected key");
    }

    @Test
    void reportsATabIndentAsGoYamlDoes() {
        String broken = "apiVersion: v1\nkind: Service\nmetadata:\n\tname: web\n";

        assertThat(onlyError(broken)).isEqualTo("error parsing web.yaml: error converting YAML to JSON: yaml: line 4: "
                + "found character that cannot start any token");
    }

    @Test
    void acceptsWhatKubectlCreateDryRunPrints() {
        String generated = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: web
                  strategy: {}
                  template:
                    metadata:
                      creationTimestamp: null
                      labels:
                        app: web
                    spec:
                      containers:
                      - image: nginx
                        name: nginx
                        resources: {}
                status: {}
                """;

        DecodeResult result = decoder.decode(generated, "web.yaml");

        assertThat(result.errors()).isEmpty();
        assertThat(result.objects()).hasSize(1);
    }

    @Test
    void reportsABooleanLabelValueAsGoJsonDoes() {
        String message = onlyError(SERVICE.replace("  name: web\n", "  name: web\n  labels:\n    canary: yes\n"));

        assertThat(message).endsWith("json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of "
                + "type string");
    }

    @Test
    void reportsANumericEnvironmentValueWithItsFieldPath() {
        String message = onlyError(DEPLOYMENT.replace("image: nginx", "image: nginx\n        env:\n        - name: PORT\n"
                + "          value: 8080"));

        assertThat(message).endsWith("json: cannot unmarshal number into Go struct field "
                + "EnvVar.spec.template.spec.containers.env.value of type string");
    }

    @Test
    void decodesTheSameWithAndWithoutAnchors() {
        String plain = SERVICE.replace("  name: web\n", "  name: web\n  labels:\n    on: \"x\"\n    n: \"0755\"\n");
        String anchored = plain.replace("  labels:\n", "  labels: &l\n") + "  selectorCopy: *l\n";

        DecodeResult withoutAnchors = decoder.decode(plain, "a.yaml");
        DecodeResult withAnchors = decoder.decode(anchored.replace("  selectorCopy: *l\n", ""), "b.yaml");

        assertThat(withoutAnchors.errors()).isEmpty();
        assertThat(withoutAnchors.objects().get(0).object().getMetadata().getLabels()).containsKey("true");
        assertThat(withAnchors.objects().get(0).object()).isEqualTo(withoutAnchors.objects().get(0).object());
    }

    /**
     * Issue 17: a decoder that remembers the last manifest answers every manifest of a learner's session exactly as
     * a fresh decoder does: the same objects, trees, document numbers, lines and errors, whether a document is seen
     * again, edited, moved, or broken.
     */
    @Test
    void aRememberingDecoderDecodesEachManifestAsAFreshDecoderDoes() {
        ManifestDecoder remembering = ManifestDecoder.rememberingLastManifest();
        String edited = SERVICE.replace("targetPort: 8080", "targetPort: 9090");
        String broken = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: 80\n";
        List<String> session = List.of(
                DEPLOYMENT + "---\n" + SERVICE,
                DEPLOYMENT + "---\n" + SERVICE,
                DEPLOYMENT + "---\n" + edited,
                "# moved\n" + edited + "---\n" + DEPLOYMENT,
                edited + "---\n" + broken + "---\n" + DEPLOYMENT,
                edited + "---\n" + broken + "---\n" + DEPLOYMENT,
                DEPLOYMENT + "---\n" + DEPLOYMENT);
        int seen = 0;
        int errors = 0;
        for (String manifest : session) {
            DecodeResult fresh = new ManifestDecoder().decode(manifest, "STDIN");
            DecodeResult again = remembering.decode(manifest, "STDIN");

            assertThat(again.errors()).isEqualTo(fresh.errors());
            assertThat(again.objects()).hasSameSizeAs(fresh.objects());
            for (int i = 0; i < fresh.objects().size(); i++) {
                Decoded want = fresh.objects().get(i);
                Decoded got = again.objects().get(i);
                assertThat(got.object()).isEqualTo(want.object());
                assertThat(got.tree()).isEqualTo(want.tree());
                assertThat(List.of(got.source(), got.document(), got.line()))
                        .isEqualTo(List.of(want.source(), want.document(), want.line()));
            }
            seen += again.objects().size();
            errors += again.errors().size();
        }
        assertThat(seen).isEqualTo(14);
        assertThat(errors).isEqualTo(2);
    }

    /** What it hands out again is the object it decoded the last time: shared, so its callers copy before writing. */
    @Test
    void aRememberingDecoderHandsOutTheSameObjectForTheSameDocument() {
        ManifestDecoder remembering = ManifestDecoder.rememberingLastManifest();

        Decoded first = remembering.decode(SERVICE, "web.yaml").objects().get(0);
        Decoded second = remembering.decode(SERVICE, "STDIN").objects().get(0);
        Decoded edited = remembering.decode(SERVICE.replace("8080", "8081"), "STDIN").objects().get(0);

        assertThat(second.object()).isSameAs(first.object());
        assertThat(second.source()).isEqualTo("STDIN");
        assertThat(edited.object()).isNotSameAs(first.object());
        assertThat(new ManifestDecoder().decode(SERVICE, "STDIN").objects().get(0).object())
                .isNotSameAs(new ManifestDecoder().decode(SERVICE, "STDIN").objects().get(0).object());
    }
}
