package academy.minicluster.net.dataplane.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PCRE's syntax, checked before RE2/J runs a path: nginx's words for errors, a reason for what RE2 cannot run. */
class NginxRegexTest {

    private static String problem(String expression) {
        return NginxRegex.problem(expression).map(p -> p.describe(expression)).orElse("");
    }

    @Test
    void expressionsIngressesUseAreAccepted() {
        assertThat(problem("^/api(/|$)(.*)")).isEmpty();
        assertThat(problem("^/users/[0-9]+")).isEmpty();
        assertThat(problem("^/.*")).isEmpty();
        assertThat(problem("^/v[12]/(?<rest>.*)")).isEmpty();
        assertThat(problem("^/a{2,3}")).isEmpty();
        assertThat(problem("^/x{")).as("a brace that is no quantifier is a literal").isEmpty();
        assertThat(problem("^/[]a]")).isEmpty();
        assertThat(problem("^/((a+)+)+b")).isEmpty();
    }

    @Test
    void pcreCompileErrorsAreNginxs() {
        assertThat(problem("^/((a+)+b")).isEqualTo("pcre_compile() failed: missing ) in \"^/((a+)+b\"");
        assertThat(problem("^/a)b")).isEqualTo("pcre_compile() failed: unmatched parentheses in \"^/a)b\" at \"b\"");
        assertThat(problem("^/[a")).isEqualTo("pcre_compile() failed: missing terminating ] for character class in "
                + "\"^/[a\"");
        assertThat(problem("^*")).isEqualTo("pcre_compile() failed: nothing to repeat in \"^*\" at \"*\"");
        assertThat(problem("^/x\\")).isEqualTo("pcre_compile() failed: \\ at end of pattern in \"^/x\\\"");
        assertThat(problem("^/a{3,2}")).startsWith("pcre_compile() failed: numbers out of order in {} quantifier");
        assertThat(problem("^/[z-a]")).startsWith("pcre_compile() failed: range out of order in character class");
    }

    @Test
    void whatNeedsBacktrackingIsRefusedWithTheReason() {
        assertThat(problem("^/(a)\\1")).contains("uses a backreference (\\1)").contains("linear time");
        assertThat(problem("^/(?=x)")).contains("uses a lookahead assertion ((?=)");
        assertThat(problem("^/(?<!x)y")).contains("uses a lookbehind assertion ((?<!)");
        assertThat(problem("^/(?>a+)")).contains("uses an atomic group");
        assertThat(problem("^/a++")).contains("uses a possessive quantifier (++)");
    }
}
