package academy.minicluster.net.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each image's config says (its Dockerfile's {@code ENTRYPOINT}, {@code CMD} and {@code ENV}), which Kubernetes
 * combines with the pod's {@code command} and {@code args}:
 * <ul>
 *   <li>{@code command} replaces ENTRYPOINT, and the image's CMD is then ignored even when {@code args} is empty;</li>
 *   <li>{@code args} alone replaces CMD and keeps ENTRYPOINT;</li>
 *   <li>neither: ENTRYPOINT followed by CMD.</li>
 * </ul>
 *
 * @param entrypoint the image's ENTRYPOINT
 * @param cmd        the image's CMD
 * @param env        the image's ENV
 */
record ImageConfig(List<String> entrypoint, List<String> cmd, Map<String, String> env) {

    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    static ImageConfig of(ImageKind kind) {
        return switch (kind) {
            case NGINX -> new ImageConfig(List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;"),
                    imageEnv("NGINX_VERSION", "1.27.5", "PKG_RELEASE", "1~bookworm"));
            case HTTP_ECHO -> new ImageConfig(List.of("/http-echo"), List.of(), imageEnv());
            case AGNHOST -> new ImageConfig(List.of("/agnhost"), List.of("pause"), imageEnv());
            case WHOAMI -> new ImageConfig(List.of("/whoami"), List.of(), imageEnv());
            case ECHO_BASIC -> new ImageConfig(List.of("/echo-basic"), List.of(), imageEnv());
            case ENVOY_GATEWAY -> new ImageConfig(List.of("/usr/local/bin/envoy-gateway"), List.of(), imageEnv());
            case ENVOY_PROXY -> new ImageConfig(List.of("/docker-entrypoint.sh"), List.of("envoy", "-c",
                    "/etc/envoy/envoy.yaml"), imageEnv());
            // test/images/echoserver/Dockerfile: run.sh starts nginx with the Lua echo in /etc/nginx/nginx.conf.
            case ECHOSERVER -> new ImageConfig(List.of("/usr/local/bin/run.sh"), List.of(), imageEnv());
            // test/images/serve_hostname/Dockerfile: FROM busybox, ENTRYPOINT ["/serve_hostname"].
            case SERVE_HOSTNAME -> new ImageConfig(List.of("/serve_hostname"), List.of(), imageEnv());
            // kubernetes-engine-samples quickstarts/hello-app/Dockerfile: distroless, ENV PORT=8080, CMD ["/hello-app"].
            case HELLO_APP -> new ImageConfig(List.of(), List.of("/hello-app"), imageEnv("PORT", "8080"));
            case BUSYBOX -> new ImageConfig(List.of(), List.of("sh"), imageEnv());
            case BUSYBOXPLUS -> new ImageConfig(List.of(), List.of("/bin/sh"), imageEnv());
            // test/images/jessie-dnsutils/Dockerfile: FROM debian, apt-get install dnsutils; Debian's CMD ["bash"].
            case DNSUTILS -> new ImageConfig(List.of(), List.of("bash"), imageEnv());
            case CURL -> new ImageConfig(List.of("/entrypoint.sh"), List.of("curl"),
                    imageEnv("CURL_CA_BUNDLE", "/cacert.pem"));
            case NETSHOOT -> new ImageConfig(List.of(), List.of("zsh"), imageEnv());
            case PAUSE -> new ImageConfig(List.of("/pause"), List.of(), imageEnv());
            case COREDNS -> new ImageConfig(List.of("/coredns"), List.of(), imageEnv());
            case INGRESS_NGINX_CONTROLLER -> new ImageConfig(List.of("/usr/bin/dumb-init", "--"),
                    List.of("/nginx-ingress-controller"), imageEnv());
            case UNKNOWN -> new ImageConfig(List.of(), List.of(), imageEnv());
        };
    }

    private static Map<String, String> imageEnv(String... pairs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** The process's argv, by the rules above ({@code command} and {@code args} already {@code $(VAR)}-expanded). */
    List<String> argv(List<String> command, List<String> args) {
        List<String> argv = new java.util.ArrayList<>();
        if (!command.isEmpty()) {
            argv.addAll(command);
            argv.addAll(args);
        } else if (!args.isEmpty()) {
            argv.addAll(entrypoint);
            argv.addAll(args);
        } else {
            argv.addAll(entrypoint);
            argv.addAll(cmd);
        }
        return List.copyOf(argv);
    }
}
