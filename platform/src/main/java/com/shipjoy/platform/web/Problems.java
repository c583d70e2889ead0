package com.shipjoy.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Builds and writes RFC 9457 problem documents, the only error body this service sends. */
public final class Problems {

    /** A problem type URI per status, so clients can switch on {@code type} as well as {@code status}. */
    private static final Map<Integer, String> TYPES = Map.ofEntries(Map.entry(400, "invalid-request"),
            Map.entry(401, "unauthenticated"), Map.entry(403, "forbidden"), Map.entry(404, "not-found"),
            Map.entry(405, "method-not-allowed"), Map.entry(406, "not-acceptable"), Map.entry(409, "conflict"),
            Map.entry(413, "payload-too-large"), Map.entry(414, "request-line-too-long"),
            Map.entry(415, "unsupported-media-type"), Map.entry(431, "headers-too-large"),
            Map.entry(429, "too-many-sign-ins"), Map.entry(503, "not-yet-consistent"));

    private Problems() {
    }

    public record FieldError(String field, String message) {
    }

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://shipjoy.example/problems/" + TYPES.getOrDefault(status.value(), "error")));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        return problem;
    }

    public static ProblemDetail invalid(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** For code outside controllers (security entry points, filters). */
    static Mono<Void> write(ServerWebExchange exchange, ObjectMapper mapper, ProblemDetail problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (Exception e) {
            body = ("{\"status\":" + problem.getStatus() + "}").getBytes(StandardCharsets.UTF_8);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** Writes a problem from outside a controller; used by the security handlers and the body limit. */
    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper mapper, HttpStatus status,
                                   String detail) {
        return write(exchange, mapper, of(status, detail));
    }

    /**
     * Like {@link #write(ServerWebExchange, ObjectMapper, HttpStatus, String)}, after reading and discarding the
     * request body, up to the 1 MiB a request may have. Answered with its body unread, a request on a kept-alive
     * connection left Reactor Netty 1.2 holding the next request on it unanswered (the tests saw 30 s stalls
     * after 401/403 answers to POSTs).
     */
    public static Mono<Void> writeAfterBody(ServerWebExchange exchange, ObjectMapper mapper, HttpStatus status,
                                            String detail) {
        return DataBufferUtils.takeUntilByteCount(exchange.getRequest().getBody(), StrictJson.MAX_BODY_BYTES + 1)
                .doOnNext(DataBufferUtils::release)
                .onErrorResume(unreadable -> Mono.empty())
                .then(Mono.defer(() -> write(exchange, mapper, status, detail)));
    }
}
