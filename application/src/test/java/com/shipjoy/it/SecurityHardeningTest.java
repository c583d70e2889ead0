package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Issue 13 through HTTP: failed sign-ins are slowed, then refused with 429 and {@code Retry-After} for a while (the
 * right password too) while other users sign in; the right password works again once the refusal ends; the counts
 * are in the metrics. Every answer carries the headers a security review expects, and requests the HTTP server
 * cannot read (sent over a raw socket) are answered with problem documents too.
 */
class SecurityHardeningTest {

    private static final Duration SLOWDOWN = Duration.ofMillis(150);

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.security.sign-in.refusal=PT2S",
            "--shipjoy.security.sign-in.slowdown=PT0.15S");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wrongPasswordsAreSlowedThenRefusedForAWhileWithoutTouchingOtherUsers() throws Exception {
        // Failures 1-3 answer at once, 4 and 5 wait one and two slowdowns; the 5th starts the refusal.
        for (int failure = 1; failure <= 5; failure++) {
            long started = System.nanoTime();
            EntityExchangeResult<byte[]> answer = signIn("agent", "not-the-password");
            assertThat(answer.getStatus().value()).as("failure %d", failure).isEqualTo(401);
            assertThat(problem(answer).path("type").asText()).endsWith("/unauthenticated");
            if (failure > 3) {
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("failure %d is answered after a slowdown", failure)
                        .isGreaterThanOrEqualTo(SLOWDOWN.multipliedBy(failure - 3));
            }
        }
        EntityExchangeResult<byte[]> refused = signIn("agent", "agent");
        assertThat(refused.getStatus().value()).as("the right password during the refusal").isEqualTo(429);
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 2L);
        JsonNode problem = problem(refused);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("type").asText()).endsWith("/too-many-sign-ins");
        assertThat(problem.path("detail").asText()).contains("refused");

        assertThat(signIn("warehouse", "warehouse").getStatus().value()).as("another user").isEqualTo(200);

        Thread.sleep(retryAfter * 1000 + 200);
        assertThat(signIn("agent", "agent").getStatus().value()).as("after the refusal").isEqualTo(200);

        String metrics = new String(system.app().as("admin").get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(counter(metrics, "shipjoy_sign_in_failures_total")).isGreaterThanOrEqualTo(5);
        assertThat(counter(metrics, "shipjoy_sign_in_refusals_total")).isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("shipjoy_sign_in_tracked");
    }

    /**
     * The throttle reads the user name from the Authorization header before Spring Security does: no header it
     * cannot read changes that a request gets a 401 problem document (a 400 for one Reactor Netty refuses), never a
     * 5xx, and the right password still works after them.
     */
    @Test
    void hostileAuthorizationHeadersAreRefusedAsProblemDocuments() throws Exception {
        List<String> headers = List.of("Basic", "Basic ", "Basic !!!not-base64!!!", "Bearer abc.def.ghi",
                "Basic " + base64("no-colon-at-all"), "Basic " + base64(":empty-user"),
                "Basic " + base64("x".repeat(3000) + "\u0000\r\nforged: line:pw"),
                "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', 'p'}),
                "bAsIc " + base64("agent:wrong"));
        for (String header : headers) {
            EntityExchangeResult<byte[]> answer = EmbeddedApp.client().baseUrl(system.app().baseUrl())
                    .responseTimeout(Duration.ofSeconds(30)).build().get().uri("/api/inventory")
                    .header(HttpHeaders.AUTHORIZATION, header).exchange().expectBody().returnResult();
            String what = header.substring(0, Math.min(30, header.length()));
            assertThat(answer.getStatus().value()).as(what).isIn(400, 401);
            assertThat(problem(answer).path("status").asInt()).as(what).isEqualTo(answer.getStatus().value());
        }
        assertThat(signIn("warehouse", "warehouse").getStatus().value()).isEqualTo(200);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (EntityExchangeResult<byte[]> answer : new EntityExchangeResult[] {
                signIn("agent", "agent"), signIn("agent", null),
                system.app().as("agent").get().uri("/api/orders/ORD-NOPE").exchange().expectBody().returnResult()}) {
            HttpHeaders headers = answer.getResponseHeaders();
            String what = answer.getStatus() + " " + answer.getUrl();
            assertThat(headers.getFirst("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(headers.getCacheControl()).as(what).contains("no-store");
            assertThat(headers.getFirst("Referrer-Policy")).as(what).isEqualTo("no-referrer");
            assertThat(headers.getFirst("Content-Security-Policy")).as(what).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").contains("object-src 'none'");
        }
    }

    @Test
    void requestsTheServerCannotReadAreAnsweredWithProblemDocuments() throws Exception {
        assertRawRefusal("GET /api/orders?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414,
                "request-line-too-long");
        assertRawRefusal("GET /api/orders HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(40_000)
                + "\r\n\r\n", 431, "headers-too-large");
        assertRawRefusal("NOT AN HTTP REQUEST\r\n\r\n", 400, "invalid-request");
        assertRawRefusal("GET /api/orders HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n", 400,
                "invalid-request");
    }

    /** Sends {@code request} as is over a socket; the answer is {@code status} with a problem document, then EOF. */
    private static void assertRawRefusal(String request, int status, String type) throws Exception {
        URI base = URI.create(system.app().baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String what = request.substring(0, Math.min(40, request.length()));
            assertThat(answer).as(what).startsWith("HTTP/1.1 " + status + " ");
            String[] parts = answer.split("\r\n\r\n", 2);
            assertThat(parts[0].toLowerCase()).as(what).contains("content-type: application/problem+json")
                    .contains("x-content-type-options: nosniff");
            JsonNode problem = JSON.readTree(parts[1]);
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
            assertThat(problem.path("type").asText()).as(what).endsWith("/" + type);
            assertThat(problem.path("title").asText()).as(what).isNotBlank();
            assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        }
    }

    /** GET /api/inventory (agent and warehouse may) as {@code user} with {@code password} (null: no credentials). */
    private static EntityExchangeResult<byte[]> signIn(String user, String password) {
        return EmbeddedApp.client().baseUrl(system.app().baseUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(headers -> {
                    if (password != null) {
                        headers.setBasicAuth(user, password);
                    }
                }).build().get().uri("/api/inventory").exchange().expectBody().returnResult();
    }

    private static JsonNode problem(EntityExchangeResult<byte[]> answer) throws Exception {
        assertThat(answer.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        return JSON.readTree(answer.getResponseBody());
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name)).mapToDouble(line ->
                Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
