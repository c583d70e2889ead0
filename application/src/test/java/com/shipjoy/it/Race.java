package com.shipjoy.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real concurrency: one thread per request, all held at a start gate and released at once, each sending its
 * request over its own connection.
 */
final class Race {

    record Answer(int status, long position, JsonNode json, String body) {
    }

    private Race() {
    }

    /** POSTs every body to {@code path} as {@code user}, all at once; answers in the order of {@code bodies}. */
    static List<Answer> post(EmbeddedApp app, String user, String path, List<String> bodies) throws Exception {
        return post(app, user, path, bodies, java.util.Map.of());
    }

    /** Like {@link #post(EmbeddedApp, String, String, List)}, every request with these headers too. */
    static List<Answer> post(EmbeddedApp app, String user, String path, List<String> bodies,
                             java.util.Map<String, String> headers) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
                .getBytes(StandardCharsets.UTF_8));
        ExecutorService threads = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch ready = new CountDownLatch(bodies.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (String body : bodies) {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                        .header("Content-Type", "application/json");
                headers.forEach(builder::header);
                HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long position = response.headers().firstValue("X-Event-Position").map(Long::parseLong)
                            .orElse(-1L);
                    JsonNode json;
                    try {
                        json = OrderJson.JSON.readTree(response.body());
                    } catch (Exception notJson) {
                        json = OrderJson.JSON.missingNode();
                    }
                    return new Answer(response.statusCode(), position, json, response.body());
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("The racing threads did not start");
            }
            go.countDown();
            List<Answer> results = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                results.add(answer.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
