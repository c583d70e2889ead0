package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded system in a child JVM (this test's classpath, a free port, the given data directory, its output in
 * {@code server.log} there), so a test can kill it or stop it with a signal and then start it again on the same data
 * with {@link EmbeddedApp#start(Path, String...)}.
 */
final class ChildServer implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildServer(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts the server ({@code settings}: {@code --name=value} on top of the defaults) and waits until it is up. */
    static ChildServer start(Path dataDir, String... settings) throws IOException, InterruptedException {
        ChildServer server = launch(dataDir, settings);
        try {
            server.awaitUp();
        } catch (RuntimeException | Error | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Starts the server without waiting for it (a test of a start that must fail waits for the process). */
    static ChildServer launch(Path dataDir, String... settings) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                "com.shipjoy.ShipJoyApplication", "--server.port=" + port, "--shipjoy.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile()).start();
        return new ChildServer(process, dataDir, port);
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** A command as the {@code warehouse} user; answers the status. */
    int post(String path, String json) throws IOException, InterruptedException {
        return send("warehouse", path, json).statusCode();
    }

    /** Like {@link #post(String, String)}, with an {@code Idempotency-Key}. */
    int post(String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        return send("warehouse", path, json, idempotencyKey).statusCode();
    }

    /** POSTs {@code json}, or GETs when it is null, as {@code user} (password = name); answers status and body. */
    HttpResponse<String> send(String user, String path, String json) throws IOException, InterruptedException {
        return send(user, path, json, null);
    }

    private HttpResponse<String> send(String user, String path, String json, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines the server wrote, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("server.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no server.log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("server process is running; its log:\n%s", logTail()).isTrue();
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
