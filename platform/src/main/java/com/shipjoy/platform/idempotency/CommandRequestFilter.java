package com.shipjoy.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipjoy.platform.Sha256;
import com.shipjoy.platform.Uninterrupted;
import com.shipjoy.platform.axon.CommandDispatcher;
import com.shipjoy.platform.web.Problems;
import com.shipjoy.platform.web.StrictJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Every command request (a {@code POST}) runs to completion, whatever its client does: the handler writes its answer
 * into a buffer, on work no cancellation reaches, and only the final write to the connection is the client's to
 * lose. So a client that hangs up mid-command leaves the command either done or never started, never half done.
 * <p>
 * With an {@code Idempotency-Key} header (1–128 printable ASCII characters, per user) a retry is safe: the first
 * request's answer (status, body, {@code X-Event-Position}) is kept and repeated, with {@code Idempotent-Replayed:
 * true}, to a repeat with the same method, path and body; another request under the same key is 409; a repeat while
 * the first still runs waits for it. The key is claimed in the transaction of the request's command (see
 * {@link IdempotencyKeys}), so after a crash a retry can never apply the command twice.
 */
@Component
@Order(0) // after Spring Security's chain (-100): the user is known
class CommandRequestFilter implements WebFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private static final Logger log = LoggerFactory.getLogger(CommandRequestFilter.class);

    private final ObjectMapper mapper;
    private final ObjectProvider<IdempotencyKeys> keys;
    private final CommandsInFlight inFlight;
    /** Keyed requests running in this process, by user and key: a concurrent repeat waits for the first. */
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();

    CommandRequestFilter(ObjectMapper mapper, ObjectProvider<IdempotencyKeys> keys, CommandsInFlight inFlight) {
        this.mapper = mapper;
        this.keys = keys;
        this.inFlight = inFlight;
    }

    private record Running(String fingerprint, CompletableFuture<StoredAnswer> answer) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }
        List<String> values = request.getHeaders().get(HEADER);
        IdempotencyKeys store = keys.getIfAvailable();
        if (values == null || store == null) {
            return unkeyed(exchange, chain);
        }
        if (values.size() != 1 || !VALID_KEY.matcher(values.get(0)).matches()) {
            ProblemDetail problem = Problems.invalid("Invalid " + HEADER + " header.", List.of(new Problems.FieldError(
                    HEADER, "must be one header of 1 to 128 printable ASCII characters")));
            return DataBufferUtils.takeUntilByteCount(request.getBody(), StrictJson.MAX_BODY_BYTES + 1)
                    .doOnNext(DataBufferUtils::release).onErrorResume(unreadable -> Mono.empty())
                    .then(write(exchange, problem(exchange, problem), false));
        }
        String key = values.get(0);
        // Without a user (security answers 401) the key means nothing. Decided on the user, not on the outcome:
        // a Mono<Void> is always empty, so switchIfEmpty after the work would run the request a second time.
        return exchange.<Principal>getPrincipal().map(principal -> Optional.of(principal.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(user -> user.isEmpty() ? unkeyed(exchange, chain)
                        : DataBufferUtils.join(request.getBody(), StrictJson.MAX_BODY_BYTES)
                                .map(CommandRequestFilter::bytes)
                                .defaultIfEmpty(new byte[0])
                                .flatMap(body -> keyed(withBody(exchange, body), chain, store, user.get(), key,
                                        fingerprint(request, body))))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> write(exchange, problem(exchange,
                        Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than 1 MiB.")), false));
    }

    private Mono<Void> unkeyed(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.deferContextual(context -> Mono.fromFuture(
                        inFlight.track(capture(exchange, chain).contextWrite(context).toFuture()), true))
                .flatMap(answer -> write(exchange, answer, false));
    }

    /**
     * The first request with the key in this process does the work (looks the key up, runs the request when the key
     * is new, keeps the answer); repeats meanwhile wait for it and answer what it answered.
     */
    private Mono<Void> keyed(ServerWebExchange exchange, WebFilterChain chain, IdempotencyKeys store, String user,
                             String key, String fingerprint) {
        String id = user + '\u0000' + key;
        Running mine = new Running(fingerprint, new CompletableFuture<>());
        Running first = running.putIfAbsent(id, mine);
        if (first != null) {
            if (!first.fingerprint().equals(fingerprint)) {
                return write(exchange, otherRequest(exchange), true);
            }
            return Mono.fromFuture(first.answer(), true).flatMap(answer -> write(exchange, answer, true));
        }
        return Mono.deferContextual(context -> {
            Mono<Outcome> work = Uninterrupted.call(() -> store.find(user, key))
                    .flatMap(found -> found.isPresent()
                            ? Mono.just(new Outcome(known(exchange, found.get(), fingerprint), true))
                            : capture(exchange, chain)
                                    .contextWrite(Context.of(IdempotentRequest.class,
                                            new IdempotentRequest(user, key, fingerprint)))
                                    .flatMap(answer -> keep(store, user, key, fingerprint, answer))
                                    .map(answer -> new Outcome(answer, false)));
            CompletableFuture<Outcome> outcome = inFlight.track(work.contextWrite(context).toFuture());
            outcome.whenComplete((done, failed) -> {
                running.remove(id, mine);
                if (failed != null) {
                    mine.answer().completeExceptionally(failed);
                } else {
                    mine.answer().complete(done.answer());
                }
            });
            return Mono.fromFuture(outcome, true);
        }).flatMap(done -> write(exchange, done.answer(), done.replayed()));
    }

    private record Outcome(StoredAnswer answer, boolean replayed) {
    }

    /** A key seen before, outside this process's running requests: its answer, or why there is none to repeat. */
    private StoredAnswer known(ServerWebExchange exchange, IdempotencyKeys.Entry entry, String fingerprint) {
        if (!entry.fingerprint().equals(fingerprint)) {
            return otherRequest(exchange);
        }
        return entry.answer().orElseGet(() -> problem(exchange, Problems.of(HttpStatus.CONFLICT, "A request with this "
                + HEADER + " was applied, but it has no answer to repeat: it is still running elsewhere, or the "
                + "service stopped before answering it. Read the resource to see its outcome.")));
    }

    private StoredAnswer otherRequest(ServerWebExchange exchange) {
        return problem(exchange, Problems.of(HttpStatus.CONFLICT, "This " + HEADER + " was used for another request "
                + "(another method, path or body). Use a new key for a new request."));
    }

    /** Keeps what the client is about to receive; a 5xx is not kept, so a retry runs again. */
    private static Mono<StoredAnswer> keep(IdempotencyKeys store, String user, String key, String fingerprint,
                                           StoredAnswer answer) {
        if (answer.status() >= 500) {
            return Mono.just(answer);
        }
        return Uninterrupted.call(() -> {
            store.answer(user, key, fingerprint, answer);
            return answer;
        }).onErrorResume(failed -> {
            log.warn("Could not keep the answer of {} {} for a retry", HEADER, key, failed);
            return Mono.just(answer);
        });
    }

    /** Runs the rest of the chain with the answer's body written into a buffer instead of the connection. */
    private static Mono<StoredAnswer> capture(ServerWebExchange exchange, WebFilterChain chain) {
        Capture capture = new Capture(exchange.getResponse());
        return chain.filter(exchange.mutate().response(capture).build())
                .then(Mono.fromSupplier(capture::answer));
    }

    private static final class Capture extends ServerHttpResponseDecorator {

        private byte[] body = new byte[0];

        Capture(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
            return DataBufferUtils.join(Flux.from(content)).doOnNext(joined -> body = bytes(joined)).then();
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> content) {
            return writeWith(Flux.from(content).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.empty();
        }

        StoredAnswer answer() {
            HttpHeaders headers = getDelegate().getHeaders();
            HttpStatusCode status = getDelegate().getStatusCode();
            MediaType contentType = headers.getContentType();
            return new StoredAnswer(status == null ? 200 : status.value(),
                    contentType == null ? null : contentType.toString(),
                    headers.getFirst(CommandDispatcher.POSITION_HEADER), body);
        }
    }

    private static Mono<Void> write(ServerWebExchange exchange, StoredAnswer answer, boolean replayed) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.eventPosition() != null) {
            headers.set(CommandDispatcher.POSITION_HEADER, answer.eventPosition());
        }
        if (replayed) {
            headers.set(REPLAYED, "true");
        }
        if (answer.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    private StoredAnswer problem(ServerWebExchange exchange, ProblemDetail problem) {
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        try {
            return new StoredAnswer(problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, null,
                    mapper.writeValueAsBytes(problem));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write a problem document", e);
        }
    }

    /** Method, path with query, and body: what makes two requests the same. */
    private static String fingerprint(ServerHttpRequest request, byte[] body) {
        return Sha256.hex((request.getMethod().name() + ' ' + request.getURI().getRawPath() + '?'
                + request.getURI().getRawQuery() + '\n').getBytes(StandardCharsets.UTF_8), body);
    }

    /** The exchange with the body read already, handed on to the handler. */
    private static ServerWebExchange withBody(ServerWebExchange exchange, byte[] body) {
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        return exchange.mutate().request(request).build();
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
