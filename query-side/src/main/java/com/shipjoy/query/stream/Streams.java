package com.shipjoy.query.stream;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.projections.stream.Change;
import com.shipjoy.projections.stream.ChangeFeed;
import com.shipjoy.projections.stream.ChangeLog;
import com.shipjoy.projections.stream.View;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Live streams of a {@link View}. A stream subscribes to the view's live changes first, into a queue of its own,
 * then sends its start (the current document, or the logged changes after the client's last event id), then what
 * the queue holds and what follows, skipping positions already sent: a change is neither lost between the start and
 * the live part nor sent twice. Nothing is polled: live changes arrive serialized from the {@link ChangeFeed}, one
 * per change for all clients. A client that does not keep up fills its queue and is disconnected; it resumes with
 * its last event id.
 */
@Component
class Streams {

    /** Positions read from the change log per round trip when a stream resumes. */
    private static final int CHUNK = 1000;
    /** Silence checks per heartbeat period: the default 15 s is checked each second. */
    private static final int HEARTBEAT_CHECKS = 15;
    private static final ServerSentEvent<String> HEARTBEAT =
            ServerSentEvent.<String>builder().comment("heartbeat").build();

    private final ChangeFeed feed;
    private final ChangeLog log;
    private final EventPositions positions;
    private final MongoTemplate mongo;
    private final int buffer;
    private final Duration heartbeat;
    private final Map<View, AtomicInteger> open = new EnumMap<>(View.class);
    private final Counter slow;
    /** The computed documents' live part, shared by the clients of one view and scope while any is connected. */
    private final Map<String, Flux<Change>> computedLive = new ConcurrentHashMap<>();
    /** Set when the server stops. */
    private final Sinks.One<Boolean> closing = Sinks.one();

    /** {@code buffer}: changes a client may fall behind by; {@code heartbeat}: the silence that sends a comment. */
    Streams(ChangeFeed feed, ChangeLog log, EventPositions positions, MongoTemplate mongo, MeterRegistry meters,
            @Value("${shipjoy.streams.client-buffer:1000}") int buffer,
            @Value("${shipjoy.streams.heartbeat:15s}") Duration heartbeat) {
        this.feed = feed;
        this.log = log;
        this.positions = positions;
        this.mongo = mongo;
        this.buffer = buffer;
        this.heartbeat = heartbeat;
        for (View view : View.values()) {
            AtomicInteger streams = new AtomicInteger();
            Gauge.builder("shipjoy.streams.open", streams, AtomicInteger::get).tag("stream", view.event())
                    .description("Live streams open").register(meters);
            open.put(view, streams);
        }
        this.slow = Counter.builder("shipjoy.streams.slow.clients")
                .description("Live streams closed because their client fell too far behind").register(meters);
    }

    /** Which documents of a view a stream follows: one key or all (null), within one scope or any (null). */
    record Selection(String key, String scope) {

        boolean matches(Change change) {
            return (key == null || key.equals(change.key())) && (scope == null || change.scopes().contains(scope));
        }
    }

    /** {@code lastEventId}: the position the client has seen (null: a new client, which gets the snapshot). */
    Flux<ServerSentEvent<String>> open(View view, Selection selection, Long lastEventId) {
        return Flux.defer(() -> {
            Sinks.Many<Change> queue = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<Change>get(buffer).get());
            // Signalled apart from the queue: an error queued behind the changes would wait for the client to read.
            Sinks.Empty<Void> tooSlow = Sinks.empty();
            Disposable live = feed.live(view).filter(selection::matches).subscribe(change -> {
                if (queue.tryEmitNext(change) == Sinks.EmitResult.FAIL_OVERFLOW) {
                    tooSlow.tryEmitEmpty();
                }
            });
            AtomicLong sent = new AtomicLong(-1);
            Flux<ServerSentEvent<String>> changes = queue.asFlux()
                    .filter(change -> change.position() > sent.get())
                    .doOnNext(change -> sent.set(change.position()))
                    .map(change -> event(view, change));
            AtomicInteger streams = open.get(view);
            return Flux.merge(1, Flux.concat(start(view, selection, lastEventId, sent), changes)
                                    .transform(this::withHeartbeat),
                            tooSlow.asMono().then(Mono.<ServerSentEvent<String>>error(SlowClient::new)))
                    .takeUntilOther(closing.asMono())
                    .doOnSubscribe(subscription -> streams.incrementAndGet())
                    .doOnError(SlowClient.class, e -> slow.increment())
                    .doFinally(signal -> {
                        live.dispose();
                        streams.decrementAndGet();
                    });
        });
    }

    /**
     * A stream of a document the query side computes from {@code view} (the KPI document): first the current one (for
     * a client that resumes, only if the view changed after its last event id), then the document again after
     * changes of {@code scope}, at most once per {@code every} and only when something changed; each with the
     * position of the latest change it shows. Computed once per scope and period for all its clients; a client that
     * reads slowly gets the latest document, so nothing piles up.
     */
    Flux<ServerSentEvent<String>> computed(View view, String scope, Long lastEventId, Duration every,
                                           Callable<Object> current) {
        return Flux.defer(() -> {
            AtomicLong sent = new AtomicLong(lastEventId == null ? -1 : lastEventId);
            Function<Long, Mono<Change>> render = position -> blocking(() -> feed.change(position, view.event(),
                    List.of(scope), current.call()));
            Flux<Change> start = changedSince(view, scope, lastEventId).flatMap(render).flux();
            Flux<Change> live = computedLive.computeIfAbsent(view.event() + ":" + scope, key -> feed.live(view)
                    .filter(change -> change.scopes().contains(scope)).sample(every)
                    .concatMap(change -> render.apply(change.position()))
                    .publish().refCount()).onBackpressureLatest();
            AtomicInteger streams = open.get(view);
            // Live first (merge), so that a change during the start is not missed; what is older than sent is dropped.
            return Flux.merge(live, start)
                    .filter(change -> change.position() > sent.get())
                    .doOnNext(change -> sent.set(change.position()))
                    .map(change -> event(view, change))
                    .transform(this::withHeartbeat)
                    .takeUntilOther(closing.asMono())
                    .doOnSubscribe(subscription -> streams.incrementAndGet())
                    .doFinally(signal -> streams.decrementAndGet());
        });
    }

    /**
     * The position a computed document starts from: the view's processed position for a new client, or one whose
     * last event id is older than the log keeps; for a resuming client, the latest logged change of its scope after
     * its last event id, or nothing when none changed.
     */
    private Mono<Long> changedSince(View view, String scope, Long lastEventId) {
        Mono<Long> processed = blocking(() -> Math.max(0, positions.processed(view.readModel())));
        if (lastEventId == null) {
            return processed;
        }
        return blocking(() -> log.keptFrom(view)).flatMap(keptFrom -> lastEventId + 1 < keptFrom ? processed
                : changesAfter(view, new Selection(null, scope), lastEventId).map(Change::position).last(-1L)
                        .filter(position -> position > lastEventId));
    }

    /**
     * Ends every stream when the server stops, before the web server's graceful shutdown, which would otherwise wait
     * (30 s) for streams that never end. Clients reconnect with their last event id.
     */
    @EventListener(ContextClosedEvent.class)
    void serverStopping() {
        closing.tryEmitValue(true);
    }

    /** What precedes the live changes; sets {@code sent} to the position they continue from. */
    private Flux<ServerSentEvent<String>> start(View view, Selection selection, Long lastEventId, AtomicLong sent) {
        if (lastEventId == null) {
            return snapshot(view, selection, sent, null);
        }
        return blocking(() -> log.keptFrom(view)).flatMapMany(keptFrom -> {
            if (lastEventId + 1 < keptFrom) {
                return snapshot(view, selection, sent, "{\"lastEventId\":" + lastEventId + ",\"keptFrom\":" + keptFrom
                        + "}");
            }
            sent.set(lastEventId);
            return changesAfter(view, selection, lastEventId)
                    .doOnNext(change -> sent.set(change.position()))
                    .map(change -> event(view, change));
        });
    }

    /**
     * An event {@code reset} (unless null), then the key's document if there is one, both with the position the
     * view has processed, from which the changes continue. The document may already show changes after it; they are
     * sent again, later, as changes. A stream without either sends every live change.
     */
    private Flux<ServerSentEvent<String>> snapshot(View view, Selection selection, AtomicLong sent, String reset) {
        return blocking(() -> {
            long position = Math.max(0, positions.processed(view.readModel()));
            if (reset != null || selection.key() != null) {
                sent.set(position);
            }
            List<ServerSentEvent<String>> events = new ArrayList<>();
            if (reset != null) {
                events.add(ServerSentEvent.builder(reset).event("reset").id(Long.toString(position)).build());
            }
            Object document = selection.key() == null ? null : mongo.findById(selection.key(), view.document());
            if (document != null) {
                events.add(event(view, feed.change(position, selection.key(), List.of(), document)));
            }
            return events;
        }).flatMapIterable(events -> events);
    }

    /**
     * The logged changes after {@code position} up to the head, read a chunk at a time as the client takes them. A
     * chunk the log trimmed while it was read may lack changes: the stream ends, and the client, resuming, is told
     * to reset.
     */
    private Flux<Change> changesAfter(View view, Selection selection, long position) {
        return blocking(positions::head).flatMapMany(head -> Flux.fromStream(
                        LongStream.iterate(position + 1, from -> from <= head, from -> from + CHUNK).boxed())
                .concatMap(from -> blocking(() -> {
                    List<Change> changes = log.read(view, from, Math.min(head, from + CHUNK - 1), selection.key());
                    if (log.keptFrom(view) > from) {
                        throw new Trimmed();
                    }
                    return changes;
                }), 1)
                .concatMapIterable(changes -> changes, 1)
                .filter(selection::matches));
    }

    /**
     * A comment after {@code heartbeat} of silence (within a fifteenth of it more), so that proxies and clients keep
     * the connection. The silence is checked by one periodic tick per stream, not timed again per event: with
     * hundreds of clients, a timer cancelled and scheduled anew for every change and client cost more than the
     * changes' writes. Prefetch 1: the client's queue is the only buffer that holds changes.
     */
    private Flux<ServerSentEvent<String>> withHeartbeat(Flux<ServerSentEvent<String>> events) {
        AtomicLong lastSent = new AtomicLong(System.nanoTime());
        Flux<ServerSentEvent<String>> beats = Flux.interval(heartbeat.dividedBy(HEARTBEAT_CHECKS))
                .filter(tick -> System.nanoTime() - lastSent.get() >= heartbeat.toNanos())
                .map(tick -> HEARTBEAT)
                .onBackpressureDrop();
        return Flux.merge(1, events, beats).doOnNext(event -> lastSent.set(System.nanoTime()));
    }

    private static ServerSentEvent<String> event(View view, Change change) {
        return ServerSentEvent.builder(change.json()).event(view.event()).id(Long.toString(change.position()))
                .build();
    }

    private static <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }

    /** Ends a stream whose changes to resume from were trimmed while it read them. */
    static final class Trimmed extends RuntimeException {

        Trimmed() {
            super("The changes to resume from are no longer kept; resume to get a reset.", null, false, false);
        }
    }

    /** Ends the stream of a client whose queue is full. */
    static final class SlowClient extends RuntimeException {

        SlowClient() {
            super("The client fell too far behind; it may resume with Last-Event-ID.", null, false, false);
        }
    }
}
