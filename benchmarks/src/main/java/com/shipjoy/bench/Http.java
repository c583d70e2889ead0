package com.shipjoy.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 to the server under test, always on 127.0.0.1. Basic credentials are sent with every request (the JDK's
 * Authenticator would wait for a 401 challenge first and double every call).
 */
final class Http {

    /** Longer than the server's own 30 s JDBC pool timeout, so that what the server does shows, not ours. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * Requests given up while in flight (the {@link #TIMEOUT} passed, or the calling thread was interrupted): the
     * client closes the connection then, which is what scenario (h) does on purpose. Outside (h) the harness waits
     * for every answer, so this stays 0 unless the server took longer than the timeout; the report shows it.
     */
    static final AtomicInteger ABANDONED = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    Http(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** One answer: status, body, the X-Event-Position header (-1 when absent) and the round trip in nanoseconds. */
    record Response(int status, String body, long position, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        Object json() {
            return Json.parse(body);
        }
    }

    Response post(String user, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    Response get(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT).GET();
        if (user != null) {
            builder.header("Authorization", basic(user));
        }
        return send(builder.build());
    }

    private Response send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            long position = response.headers().firstValue("X-Event-Position").map(Long::parseLong).orElse(-1L);
            return new Response(response.statusCode(), response.body(), position, nanos);
        } catch (HttpConnectTimeoutException e) {
            return new Response(-1, e.toString(), -1, System.nanoTime() - start);
        } catch (HttpTimeoutException e) {
            ABANDONED.incrementAndGet();
            return new Response(-1, e.toString(), -1, System.nanoTime() - start);
        } catch (IOException e) {
            return new Response(-1, e.toString(), -1, System.nanoTime() - start);
        } catch (InterruptedException e) {
            ABANDONED.incrementAndGet();
            Thread.currentThread().interrupt();
            return new Response(-1, e.toString(), -1, System.nanoTime() - start);
        }
    }

    /** Development users: password = name. */
    /** Basic credentials of a development user (password = name). */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
