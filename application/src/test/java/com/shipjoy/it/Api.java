package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Small helpers over WebTestClient for JSON calls against an {@link EmbeddedApp}. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedApp app;

    public Api(EmbeddedApp app) {
        this.app = app;
    }

    /** A command: POSTs {@code json} as {@code user}, asserts {@code status}, returns the answer. */
    public Response post(String user, String path, String json, HttpStatus status) {
        EntityExchangeResult<byte[]> result = app.as(user).post().uri(path).bodyValue(json).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return new Response(result);
    }

    /** A command with an {@code Idempotency-Key} header; the status is the caller's to check. */
    public Response postWithKey(String user, String path, String json, String idempotencyKey) {
        return new Response(app.as(user).post().uri(path).header("Idempotency-Key", idempotencyKey).bodyValue(json)
                .exchange().expectBody().returnResult());
    }

    public Response get(String user, String path, HttpStatus status) {
        EntityExchangeResult<byte[]> result = app.as(user).get().uri(path).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return new Response(result);
    }

    /**
     * Any request, status not asserted: {@code pathAndQuery} is sent exactly as written (no re-encoding, so {@code %2F}
     * stays encoded), {@code user} null sends no credentials, {@code contentType} null sends no Content-Type, and
     * {@code body} (a String, byte[] or Publisher of DataBuffers) null sends none.
     */
    public Response send(String user, HttpMethod method, String pathAndQuery, MediaType contentType, Object body) {
        return send(user, method, pathAndQuery, contentType, body, headers -> { });
    }

    /** {@link #send(String, HttpMethod, String, MediaType, Object)} with more request headers. */
    public Response send(String user, HttpMethod method, String pathAndQuery, MediaType contentType, Object body,
                         Consumer<HttpHeaders> moreHeaders) {
        WebTestClient.Builder builder = EmbeddedApp.client().baseUrl(app.baseUrl())
                .responseTimeout(Duration.ofSeconds(30));
        if (user != null) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(user, user));
        }
        WebTestClient.RequestBodySpec request = builder.build().method(method)
                .uri(URI.create(app.baseUrl() + pathAndQuery));
        if (contentType != null) {
            request.contentType(contentType);
        }
        request.headers(moreHeaders);
        WebTestClient.RequestHeadersSpec<?> ready = request;
        if (body instanceof Publisher<?> publisher) {
            ready = request.body(BodyInserters.fromDataBuffers(cast(publisher)));
        } else if (body != null) {
            ready = request.bodyValue(body);
        }
        return new Response(ready.exchange().expectBody().returnResult());
    }

    @SuppressWarnings("unchecked")
    private static Publisher<DataBuffer> cast(Publisher<?> publisher) {
        return (Publisher<DataBuffer>) publisher;
    }

    /** GETs after the read models caught up with {@code position} (read-your-writes). */
    public JsonNode read(String user, String path, long position) {
        String separator = path.contains("?") ? "&" : "?";
        return get(user, path + separator + "minPosition=" + position, HttpStatus.OK).json();
    }

    /** The event store's head position, as a no-op command would report it. */
    public long head() {
        return app.bean(com.shipjoy.platform.axon.EventPositions.class).head();
    }

    public record Response(EntityExchangeResult<byte[]> result) {

        public JsonNode json() {
            try {
                byte[] body = result.getResponseBody();
                return JSON.readTree(body == null ? new byte[0] : body);
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + text(), e);
            }
        }

        public int status() {
            return result.getStatus().value();
        }

        public String header(String name) {
            return result.getResponseHeaders().getFirst(name);
        }

        public String text() {
            byte[] body = result.getResponseBody();
            return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The X-Event-Position header, asserted present. */
        public long position() {
            String header = result.getResponseHeaders().getFirst("X-Event-Position");
            assertThat(header).as("X-Event-Position").isNotNull();
            return Long.parseLong(header);
        }

        /** Asserts an RFC 9457 problem document with this status. */
        public JsonNode problem() {
            assertThat(result.getResponseHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = json();
            assertThat(problem.path("status").asInt()).isEqualTo(result.getStatus().value());
            assertThat(problem.path("type").asText()).isNotEmpty();
            assertThat(problem.path("title").asText()).isNotEmpty();
            assertThat(text()).doesNotContain("Exception").doesNotContain("\tat ");
            return problem;
        }
    }
}
