package academy.minicluster.net.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Manifests turned into stored-ready objects the way the API server does: decode, default, namespace. */
final class Fixtures {

    private static final ManifestDecoder DECODER = new ManifestDecoder();
    private static final Defaults DEFAULTS = new Defaults();

    private Fixtures() {
    }

    /** Decodes one manifest document and applies defaults; namespaced objects land in {@code default}. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T object(String yaml) {
        DecodeResult result = DECODER.decode(yaml, "fixture.yaml");
        if (!result.ok() || result.objects().size() != 1) {
            throw new AssertionError("fixture does not decode: " + result.errors());
        }
        HasMetadata object = result.objects().get(0).object();
        if (ApiKind.of(object).namespaced() && object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace("default");
        }
        DEFAULTS.apply(object);
        return (T) object;
    }

    /** A Service named {@code web} with the given spec lines (indented two spaces). */
    static String service(String spec) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n" + spec;
    }

    /** A Deployment named {@code web} with the given spec lines. */
    static String deployment(String spec) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n" + spec;
    }

    /** A Pod named {@code web} with the given spec lines. */
    static String pod(String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n" + spec;
    }
}
