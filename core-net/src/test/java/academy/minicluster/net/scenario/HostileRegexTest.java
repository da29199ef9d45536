package academy.minicluster.net.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.net.shell.ShellResult;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regular expressions from learners and visitors (issue 11): an Ingress path in regex mode and a grep pattern that
 * make a backtracking engine run for hours ({@code /((a+)+)+b} against {@code /aaa...a!}) are answered, because
 * RE2/J matches in linear time. The timeouts are generous backstops that a backtracking engine would exceed by
 * hours; the assertions are on the answers.
 */
class HostileRegexTest {

    private static final String AS = "a".repeat(48);

    private Scenario s;
    private String address;

    @BeforeEach
    void apply() {
        s = Scenario.fresh().apply("ingress.yaml");
        address = s.jsonpath("svc -n ingress-nginx ingress-nginx-controller", "{.status.loadBalancer.ingress[0].ip}");
    }

    private static String regexIngress(String name, String path) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: %s
                  annotations:
                    nginx.ingress.kubernetes.io/use-regex: "true"
                spec:
                  ingressClassName: nginx
                  rules:
                  - host: redos.example.com
                    http:
                      paths:
                      - path: '%s'
                        pathType: ImplementationSpecific
                        backend: {service: {name: a, port: {number: 80}}}
                """.formatted(name, path);
    }

    private ShellResult apply(String yaml) {
        s.file("hostile.yaml", yaml);
        return s.run("kubectl apply -f hostile.yaml");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCatastrophicPathIsMatchedInLinearTime() {
        assertThat(apply(regexIngress("redos", "/((a+)+)+b")).exitCode()).isZero();

        String status = s.run("curl -s -o /dev/null -w %{http_code} --resolve redos.example.com:80:" + address
                + " http://redos.example.com/" + AS + "!").stdout();
        String hit = s.run("curl -s --resolve redos.example.com:80:" + address + " http://redos.example.com/"
                + AS + "b").stdout();

        assertThat(status).isEqualTo("404");
        assertThat(hit).isEqualTo("a\n");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCatastrophicRewriteIsMatchedInLinearTime() {
        String yaml = regexIngress("rewrite-redos", "/((a+)+)+(b|!)(.*)")
                .replace("use-regex: \"true\"", "rewrite-target: /$4");
        assertThat(apply(yaml).exitCode()).isZero();

        String status = s.run("curl -s -o /dev/null -w %{http_code} --resolve redos.example.com:80:" + address
                + " http://redos.example.com/" + AS + "x").stdout();

        assertThat(status).isEqualTo("404");
    }

    @Test
    void aPathNginxCannotCompileIsDeniedByTheAdmissionWebhook() {
        ShellResult r = apply(regexIngress("broken", "/((a+)+b"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("Error from server (BadRequest): error when creating \"hostile.yaml\": "
                + "admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: \n"
                + "-------------------------------------------------------------------------------\n"
                + "Error: exit status 1\n"
                + "nginx: [emerg] pcre_compile() failed: missing ) in \"^/((a+)+b\" in /tmp/nginx/nginx-cfg\n"
                + "nginx: configuration file /tmp/nginx/nginx-cfg test failed\n"
                + "\n"
                + "-------------------------------------------------------------------------------\n");
        assertThat(s.run("kubectl get ingress broken").exitCode()).isEqualTo(1);
    }

    @Test
    void aBackreferenceIsDeniedWithTheReason() {
        ShellResult r = apply(regexIngress("backref", "/(a+)\\1"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error from server (BadRequest): error when creating \"hostile.yaml\": "
                        + "admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: ingress "
                        + "default/backref: the path \"^/(a+)\\1\" uses a backreference (\\1), which this cluster's "
                        + "ingress-nginx does not run: paths are matched by RE2 in linear time");
    }

    @Test
    void aLookaheadIsDeniedWithTheReason() {
        ShellResult r = apply(regexIngress("lookahead", "/(?!admin).*"));

        assertThat(r.stderr()).contains("uses a lookahead assertion ((?!)");
    }

    @Test
    void aPlainPathOfAnotherIngressBecomesAnExpressionWhenTheHostTurnsToRegexMode() {
        String plain = regexIngress("plain", "/files(")
                .replace("    nginx.ingress.kubernetes.io/use-regex: \"true\"\n", "    note: plain\n");
        assertThat(apply(plain).exitCode()).as("a Prefix-like path is no expression yet").isZero();

        ShellResult r = apply(regexIngress("turns-regex", "/r/.*"));

        // The plain Ingress's Prefix /files( is written as /files(/ and = /files( (updateServerLocations), and in
        // regex mode both are expressions: nginx -t meets ^/files(/ first.
        assertThat(r.stderr()).contains("pcre_compile() failed: missing ) in \"^/files(/\"");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCatastrophicGrepPatternIsMatchedInLinearTime() {
        assertThat(apply("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: redos\ndata:\n  k: " + AS + "!\n")
                .exitCode()).isZero();

        ShellResult extended = s.run("kubectl get configmap redos -o yaml | grep -E '^  k: ((a+)+)+b'");
        ShellResult basic = s.run("kubectl get configmap redos -o yaml | grep -c '^  k: \\(\\(a*\\)*\\)*!$'");

        assertThat(extended.exitCode()).isEqualTo(1);
        assertThat(extended.stdout()).isEmpty();
        assertThat(basic.stdout()).isEqualTo("1\n");
    }

    @Test
    void badGrepPatternsAreWordedAsGnuGrep() {
        assertThat(s.run("kubectl get pods | grep -E '(web'").stderr()).isEqualTo("grep: Unmatched ( or \\(\n");
        assertThat(s.run("kubectl get pods | grep -E 'web)'").stderr()).isEqualTo("grep: Unmatched ) or \\)\n");
        assertThat(s.run("kubectl get pods | grep '[web'").stderr())
                .isEqualTo("grep: Unmatched [, [^, [:, [., or [=\n");
        assertThat(s.run("kubectl get pods | grep 'web\\'").stderr()).isEqualTo("grep: Trailing backslash\n");
        assertThat(s.run("kubectl get pods | grep -E '[z-a]'").stderr()).isEqualTo("grep: Invalid range end\n");
        ShellResult backref = s.run("kubectl get pods | grep '\\(a\\)\\1'");
        assertThat(backref.exitCode()).isEqualTo(2);
        assertThat(backref.stderr()).startsWith("grep: back-references (\\1) are not supported");
    }
}
