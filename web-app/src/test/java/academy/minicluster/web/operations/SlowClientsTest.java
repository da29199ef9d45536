package academy.minicluster.web.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slowloris and connection floods, on real sockets: a connection whose request head never completes is closed by
 * the server (idle timeout), others are served meanwhile, and connections over the limit are closed unanswered.
 * Every read waits up to a minute: the assertions are on what happens, never on when.
 */
@QuarkusTest
@TestProfile(HardenedServerProfile.class)
class SlowClientsTest {

    private static final int READ_WAIT_MS = 60_000;

    @TestHTTPResource("/")
    URL root;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void connectionsWithPartialHeadersAreClosedWhileOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < HardenedServerProfile.MAX_CONNECTIONS / 2; i++) {
                Socket socket = open();
                send(socket, "GET /course HTTP/1.1\r\nHost: localhost\r\nX-Slow: "); // the head never ends
                slow.add(socket);
            }
            for (int i = 0; i < 5; i++) {
                slow.add(open()); // connected, and not a byte sent
            }

            given().get("/q/health/live").then().statusCode(200);
            given().get("/").then().statusCode(200);

            for (Socket socket : slow) {
                assertThat(readUntilClosed(socket)).as("what the server sent before closing").isEmpty();
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    /**
     * The limit counts a connection once its first request head has arrived (Vert.x reads it before it hands the
     * connection on: it may be an HTTP/2 upgrade). So each held connection is a keep-alive client that was answered
     * once and stays open; they are opened one after another, each counted before the next, until one is closed
     * unanswered.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void connectionsOverTheLimitAreClosedUnanswered() throws Exception {
        List<Socket> held = new ArrayList<>();
        boolean refused = false;
        try {
            while (!refused && held.size() <= HardenedServerProfile.MAX_CONNECTIONS + 10) {
                Socket socket = open();
                held.add(socket);
                send(socket, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
                String head = readResponseHead(socket);
                if (head.isEmpty()) {
                    refused = true;
                } else {
                    assertThat(head).startsWith("HTTP/1.1 200");
                }
            }
            assertThat(refused).as("a connection over the limit was closed unanswered").isTrue();
            assertThat(held.size() - 1).as("connections answered before one was refused")
                    .isLessThanOrEqualTo(HardenedServerProfile.MAX_CONNECTIONS);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // The slots are given back as connections close: a new client is served again (polled, as closing is
        // noticed by the server in its own time).
        while (!served()) {
            Thread.sleep(200);
        }
    }

    /**
     * Connections whose request head never completes count against the limit from the moment they are accepted
     * (HTTP/2 is off, so Vert.x does not wait for bytes before counting): one client cannot hold more descriptors
     * than the limit, however it sends. A partial head is added, then a full request is tried, until one is closed
     * unanswered; without counting partial heads none ever would be.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void connectionsWithPartialHeadersCountAgainstTheLimit() throws Exception {
        List<Socket> partial = new ArrayList<>();
        boolean refused = false;
        try {
            // Bounded at three times the limit: the server counts an accepted connection on its own event loop, a
            // few may still be on their way when a probe is answered. Without counting partial heads, no probe is
            // ever refused, however many are held.
            while (!refused && partial.size() <= 3 * HardenedServerProfile.MAX_CONNECTIONS) {
                Socket socket = open();
                send(socket, "GET /course HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
                partial.add(socket);
                try (Socket probe = open()) {
                    send(probe, "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                    refused = readResponseHead(probe).isEmpty();
                }
            }
            assertThat(refused).as("a full request refused while partial heads fill the limit").isTrue();
        } finally {
            for (Socket socket : partial) {
                socket.close();
            }
        }
        while (!served()) {
            Thread.sleep(200);
        }
    }

    /**
     * A response's status line and headers, then its body skipped (by its length, or to its last chunk), leaving
     * the connection open; empty when the server closed the connection without answering.
     */
    private static String readResponseHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return "";
                }
                head.append((char) b);
            }
            String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(lower);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            } else if (lower.contains("transfer-encoding: chunked")) {
                StringBuilder body = new StringBuilder();
                while (!body.toString().endsWith("0\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    body.append((char) b);
                }
            }
        } catch (SocketException reset) {
            return "";
        }
        return head.toString();
    }

    /** Whether a new client is answered; a connection closed unanswered (the limit still full) is not. */
    private static boolean served() {
        try {
            return given().get("/q/health/live").statusCode() == 200;
        } catch (Exception closedUnanswered) {
            return false;
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(READ_WAIT_MS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Everything the server sends until it closes the connection; a reset counts as closed. A server that keeps
     * the connection open past {@value #READ_WAIT_MS} ms fails the test with the socket's timeout.
     */
    private static String readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketException reset) {
            // closed by the server with a reset
        }
        return got.toString();
    }
}
