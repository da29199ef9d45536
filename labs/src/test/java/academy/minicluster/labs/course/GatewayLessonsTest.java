package academy.minicluster.labs.course;

import static org.assertj.core.api.Assertions.assertThat;

import academy.minicluster.labs.lab.BuiltInLabs;
import academy.minicluster.net.Cluster;
import academy.minicluster.net.shell.Shell;
import academy.minicluster.net.shell.ShellResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Gateway API lessons' console sessions are what the mini-cluster prints: each session is replayed in a fresh
 * cluster that holds the lesson's manifests up to that point, and every command's output must equal the text the
 * lesson shows under it. A lesson edited without running its commands, or a change of the mini-cluster that a
 * lesson's reader would see, fails here.
 */
class GatewayLessonsTest {

    /** The lessons, from the labs module's directory (surefire runs there). */
    static final Path LESSONS = Path.of("..", "content", "src", "main", "resources", "course", "lessons");

    /** The two Services the lessons assume ("web answering storefront, api answering api, on port 80"). */
    static final String SERVICES = service("web", "storefront") + "---\n" + service("api", "api");

    private static final Pattern BLOCK = Pattern.compile("```(yaml|console)\\n(.*?)```", Pattern.DOTALL);

    static Stream<Arguments> sessions() {
        return Stream.of(
                Arguments.of("09-gateway-api.md", 0, List.of()),
                Arguments.of("09-gateway-api.md", 1, List.of("services", "yaml 0")),
                Arguments.of("09-gateway-api.md", 2, List.of("services", "yaml 0", "yaml 1")),
                Arguments.of("09-gateway-api.md", 3, List.of("services", "yaml 0", "yaml 2")),
                Arguments.of("09-gateway-api.md", 4, List.of("services", "yaml 0", "file bad-route.yaml: yaml 3")),
                Arguments.of("09-gateway-api.md", 5, List.of("services", "yaml 0", "yaml 1", "yaml 5")),
                Arguments.of("10-ingress-to-gateway-api.md", 0, List.of("services", "shop-tls", "yaml 0", "yaml 1")));
    }

    @ParameterizedTest(name = "{0} console session {1}")
    @MethodSource("sessions")
    void aConsoleSessionPrintsWhatTheLessonShows(String lesson, int session, List<String> setup) throws Exception {
        String text = Files.readString(LESSONS.resolve(lesson));
        List<String> yaml = blocks(text, "yaml");
        Shell shell = Shell.open(Cluster.create());
        for (String step : setup) {
            String file = "setup.yaml";
            String manifest;
            if (step.equals("services")) {
                manifest = SERVICES;
            } else if (step.equals("shop-tls")) {
                manifest = shopTlsSecret();
            } else if (step.startsWith("file ")) {
                // A manifest the session applies itself, under the name it uses.
                String[] named = step.substring("file ".length()).split(": yaml ");
                shell.putFile(named[0], yaml.get(Integer.parseInt(named[1])));
                continue;
            } else {
                manifest = yaml.get(Integer.parseInt(step.substring("yaml ".length())));
            }
            shell.putFile(file, manifest);
            ShellResult applied = shell.execute("kubectl apply -f " + file);
            assertThat(applied.exitCode()).as("%s: %s", step, applied.stderr()).isZero();
        }

        String block = blocks(text, "console").get(session);
        for (Command command : commands(block)) {
            ShellResult result = shell.execute(command.line());
            String printed = (result.stdout() + result.stderr()).stripTrailing();
            assertThat(printed).as("%s, session %d: $ %s", lesson, session, command.line())
                    .isEqualTo(command.output().stripTrailing());
        }
    }

    record Command(String line, String output) {
    }

    static List<Command> commands(String block) {
        List<Command> out = new ArrayList<>();
        String line = null;
        StringBuilder output = new StringBuilder();
        for (String l : block.split("\n", -1)) {
            if (l.startsWith("$ ")) {
                if (line != null) {
                    out.add(new Command(line, output.toString()));
                }
                line = l.substring(2);
                output.setLength(0);
            } else if (line != null) {
                output.append(l).append('\n');
            }
        }
        if (line != null) {
            out.add(new Command(line, output.toString()));
        }
        return out;
    }

    static List<String> blocks(String markdown, String language) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The practice certificate for shop.example.com that the ingress-tls lab provides as Secret shop-tls. */
    static String shopTlsSecret() throws academy.minicluster.labs.lab.LabFormatException {
        String start = BuiltInLabs.load("ingress-tls").orElseThrow().start().manifests();
        return Arrays.stream(start.split("(?m)^---\\s*$")).filter(d -> d.contains("kind: Secret")).findFirst()
                .orElseThrow();
    }

    static String service(String name, String text) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                        - name: echo
                          image: hashicorp/http-echo
                          args: ["-listen=:5678", "-text=%2$s"]
                          ports:
                            - containerPort: 5678
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector: {app: %1$s}
                  ports:
                    - port: 80
                      targetPort: 5678
                """.formatted(name, text);
    }
}
