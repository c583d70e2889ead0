package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up mid-command (no client behaviour produces a 5xx or a lost event). A client closing
 * its connection a few milliseconds after sending a command makes the server cancel the request; that must not reach
 * the thread writing to the event store: the command either happens or does not, and every later command works.
 * Requests go over raw sockets so the test decides exactly when a connection closes: right after the request is
 * written, 1–50 ms later, or after the answer was read.
 */
class ClientHangUpTest {

    private static final int CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 60;

    @Test
    void clientsHangingUpMidCommandLeaveTheSystemWorkingAndConsistent() throws Exception {
        try (EmbeddedApp app = EmbeddedApp.start()) {
            Api api = new Api(app);
            int port = URI.create(app.baseUrl()).getPort();
            CommandMix.setUp(request -> exchange(port, request, -1), CLIENTS);

            CommandMix mix = new CommandMix();
            // A third of the requests each: hang up at once, hang up 1–50 ms after sending, read the answer.
            mix.start(request -> exchange(port, request, switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> 0;
                case 1 -> 1 + ThreadLocalRandom.current().nextInt(50);
                default -> -1;
            }), CLIENTS, REQUESTS_PER_CLIENT, Duration.ofSeconds(15));
            assertThat(mix.awaitDone(Duration.ofSeconds(60))).as("clients finished").isTrue();
            assertThat(mix.hungUp.get()).as(mix.summary()).isGreaterThan(50);
            assertThat(mix.answered.get()).as(mix.summary()).isGreaterThan(30);

            // The main check: the event store still takes every kind of command.
            Aftermath.everyCommandWorks(app, api, mix);

            assertThat(mix.serverErrors).as("5xx answers during the load (%s)", mix.summary()).isEmpty();
            assertThat(mix.unreachable).as("requests that got no answer though the client waited").isEmpty();
            assertThat(mix.refusedRepeats).as("creates repeated after a hang-up, answered 409").isEmpty();
            Aftermath.assertConsistent(api, Aftermath.quiet(app), mix);
        }
    }

    /**
     * Sends the request over a new connection. {@code hangUpAfterMs} ≥ 0: closes the connection that many
     * milliseconds after writing it and answers null; -1: reads the whole answer (the request asks the server to
     * close the connection after it).
     */
    private static CommandMix.Answer exchange(int port, CommandMix.Request request, int hangUpAfterMs)
            throws IOException, InterruptedException {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Authorization: Basic ").append(Base64.getEncoder().encodeToString((request.user() + ":"
                        + request.user()).getBytes(StandardCharsets.UTF_8))).append("\r\n")
                .append("Accept: application/json\r\n")
                .append("Connection: close\r\n");
        if (request.body() != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            if (hangUpAfterMs >= 0) {
                if (hangUpAfterMs > 0) {
                    Thread.sleep(hangUpAfterMs);
                }
                return null;
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** Status and body of an HTTP/1.1 answer read to its end (Content-Length, chunked or closed). */
    private static CommandMix.Answer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || endOfHead < 0) {
            throw new IOException("Not an HTTP answer: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String headers = text.substring(0, endOfHead).toLowerCase(Locale.ROOT);
        byte[] rest = Arrays.copyOfRange(raw, endOfHead + 4, raw.length);
        if (headers.contains("\r\ntransfer-encoding: chunked")) {
            rest = dechunk(new ByteArrayInputStream(rest));
        }
        return new CommandMix.Answer(status, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("Truncated chunked answer");
                }
                size.append((char) c);
            }
            int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
