package academy.minicluster.net.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ingress-nginx's own answers as curl prints them from the workstation: nginx's 301 to a location's trailing slash,
 * the default server's {@code /healthz} and {@code /nginx_status}, the 400 of a path nginx cannot normalise, and the
 * path the Service receives.
 */
class IngressNginxThroughCurlTest {

    private final Shell shell = KubectlFixture.webApp();

    private ShellResult run(String line) {
        return shell.execute(line);
    }

    private void docsIngress() {
        shell.putFile("docs.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: docs
                spec:
                  rules:
                  - host: web.example.com
                    http:
                      paths:
                      - path: /docs/
                        pathType: Exact
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
                """);
        ShellResult applied = run("kubectl apply -f docs.yaml");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    }

    @Test
    void aPathWithoutTheTrailingSlashOfALocationGetsNginxs301() {
        docsIngress();

        ShellResult r = run("curl -si -H 'Host: Web.Example.com:80' http://172.18.255.200/docs?x=1");

        assertThat(r.stdout()).startsWith("HTTP/1.1 301 Moved Permanently\n");
        assertThat(r.stdout()).contains("Location: http://web.example.com/docs/?x=1\n");
        assertThat(r.stdout()).endsWith("<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n"
                + "<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
                + "</html>\r\n");
    }

    @Test
    void curlFollowsThe301ToTheLocation() {
        docsIngress();

        ShellResult r = run("curl -sL -o /dev/null -w '%{http_code} %{url_effective}'"
                + " --resolve web.example.com:80:172.18.255.200 http://web.example.com/docs");

        assertThat(r.stdout()).isEqualTo("200 http://web.example.com/docs/");
    }

    @Test
    void theDefaultServerAnswersHealthzAndRefusesNginxStatus() {
        assertThat(run("curl -s -o /dev/null -w '%{http_code} %{size_download}' http://172.18.255.200/healthz")
                .stdout()).isEqualTo("200 0");
        assertThat(run("curl -s http://172.18.255.200/nginx_status").stdout())
                .contains("<head><title>403 Forbidden</title></head>");
    }

    @Test
    void aPathAboveTheRootIs400AndTheConnectionCloses() {
        ShellResult r = run("curl -si --path-as-is -H 'Host: web.example.com' http://172.18.255.200/../x");

        assertThat(r.stdout()).startsWith("HTTP/1.1 400 Bad Request\n");
        assertThat(r.stdout()).contains("Connection: close\n");
    }

    @Test
    void curlRemovesDotSegmentsAndTheServiceSeesThePathAsSent() {
        ShellResult r = run("curl -sv -o /dev/null -H 'Host: web.example.com' http://172.18.255.200/a/../b//c");

        assertThat(r.stderr()).contains("> GET /b//c HTTP/1.1");
        assertThat(r.stderr()).contains("< HTTP/1.1 200");
    }
}
