package academy.minicluster.net.dataplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link NginxUri}: the path nginx matches, as {@code ngx_http_parse_complex_uri} makes it. */
class NginxUriTest {

    @ParameterizedTest(name = "{0} is matched as {1}")
    @CsvSource(delimiter = '|', value = {
            "/api%2Fx          | /api/x",
            "/%61%62%63        | /abc",
            "//a///b//         | /a/b/",
            "/a/./b            | /a/b",
            "/a/.              | /a/",
            "/a/b/..           | /a/",
            "/a/b/../c         | /a/c",
            "/a/%2e%2E/c       | /c",
            "/a%2F..%2Fb       | /b",
            "/a/..b            | /a/..b",
            "/a/.b             | /a/.b",
            "/a%25b            | /a%b",
            "/a%23b            | /a#b",
            "/a%3Fb            | /a?b",
            "/a%20b            | /a b",
            "/a?x=%2F/../      | /a",
            "/a#frag           | /a",
    })
    void nginxMatchesTheNormalisedPath(String target, String path) {
        assertThat(NginxUri.parse(target)).isInstanceOfSatisfying(NginxUri.Valid.class,
                v -> assertThat(v.uri().path()).isEqualTo(path));
    }

    @ParameterizedTest(name = "{0} is 400 Bad Request")
    @CsvSource({"/..", "/../a", "/a/../..", "/%2e%2e", "/a%", "/a%2", "/a%g0", "/a%00", "a/b"})
    void whatNginxCannotNormaliseIsRejected(String target) {
        assertThat(NginxUri.parse(target)).isInstanceOf(NginxUri.Rejected.class);
    }

    @ParameterizedTest(name = "{0} keeps args {1} and request URI {0}")
    @CsvSource(delimiter = '|', value = {"/a//b?x=1&y=/..|x=1&y=/..", "/a|''"})
    void theQueryAndTheRequestUriAreKeptAsSent(String target, String args) {
        NginxUri uri = ((NginxUri.Valid) NginxUri.parse(target)).uri();
        assertThat(uri.args()).isEqualTo(args);
        assertThat(uri.requestUri()).isEqualTo(target);
    }

    @ParameterizedTest(name = "{0} is passed upstream as {1}")
    @CsvSource(delimiter = '|', value = {"/a b|/a%20b", "/a?b#c|/a%3Fb%23c", "/a%b|/a%25b", "/é|/%C3%A9",
            "/a-b_c.d~e!$&'()*+,;=:@|/a-b_c.d~e!$&'()*+,;=:@"})
    void aRewrittenPathIsEscapedAsNgxEscapeUriDoes(String path, String escaped) {
        assertThat(NginxUri.escape(path)).isEqualTo(escaped);
    }
}
