package academy.minicluster.net.dataplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngressPathTest {

    @Test
    void exactIsCaseSensitive() {
        assertThat(IngressPath.exact("/Foo").matches("/foo")).isFalse();
    }

    @Test
    void prefixIsCaseSensitive() {
        assertThat(IngressPath.prefix("/foo").matches("/FOO/bar")).isFalse();
    }

    @Test
    void prefixMatchesWholeElementsOnly() {
        assertThat(IngressPath.prefix("/foo/bar").matches("/foo/bar/baz")).isTrue();
        assertThat(IngressPath.prefix("/foo/bar").matches("/foo/barbaz")).isFalse();
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertThat(IngressPath.prefix("").path()).isEqualTo("/");
        assertThat(IngressPath.prefix("").matches("/anything")).isTrue();
    }

    @Test
    void implementationSpecificIsReadAsPrefix() {
        assertThat(IngressPath.implementationSpecific("/foo").matches("/foo/x")).isTrue();
        assertThat(IngressPath.implementationSpecific("/foo").matches("/foox")).isFalse();
    }

    @Test
    void pathTypesAreNamedAsInYaml() {
        assertThat(IngressPath.PathType.fromApiName("ImplementationSpecific"))
                .isEqualTo(IngressPath.PathType.IMPLEMENTATION_SPECIFIC);
        assertThat(IngressPath.PathType.fromApiName("prefix")).isNull();
        assertThat(IngressPath.prefix("/api")).hasToString("/api (Prefix)");
    }
}
