package academy.minicluster.labs;

import academy.minicluster.labs.lab.Lab;
import academy.minicluster.labs.lab.LabFormatException;
import academy.minicluster.labs.lab.LabParser;

/** Named fixtures: small labs written inline, so each test shows the whole lab it grades. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A Deployment web (2 whoami pods, app=web), a Service web on port 80, and a netshoot pod client. */
    public static final String WEB_AND_CLIENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: whoami
                      image: traefik/whoami
                      ports:
                        - containerPort: 80
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
                - port: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: client
            spec:
              containers:
                - name: tools
                  image: nicolaka/netshoot
                  command: ["sleep", "infinity"]
            """;

    /** A lab whose start is {@code startManifests} and whose only checks are {@code checksYaml} (a YAML list). */
    public static Lab lab(String startManifests, String checksYaml) {
        String text = "id: fixture\nversion: 1\ntitle: Fixture\nsummary: A lab made for one test.\n"
                + "difficulty: beginner\nminutes: 5\nlesson: services-and-clusterip\n"
                + "start:\n  manifests: |\n" + indent(startManifests, 4)
                + "tasks: Do the thing.\nhints:\n  - Look.\n"
                + "solutions:\n  - id: nothing\n    commands: kubectl get pods\n"
                + "checks:\n" + indent(checksYaml, 2);
        try {
            return LabParser.parse(text, "fixture.yaml");
        } catch (LabFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static String indent(String text, int spaces) {
        String pad = " ".repeat(spaces);
        StringBuilder s = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                s.append(pad).append(line);
            }
            s.append('\n');
        }
        return s.toString().replaceAll("\n+$", "\n");
    }
}
