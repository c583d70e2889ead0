package com.shipjoy.projections.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.shipjoy.projections.ReadModelCollections;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Where projections hand over what they changed, for the live streams: after a batch's read-model writes (so a
 * client that queries after an event sees at least its state) and before the batch's token, the changes are written
 * to the {@link ChangeLog}, then emitted in-process to every stream that follows the view. A crash in between
 * delivers the batch's events again, which write the same entries; streams drop positions they have sent.
 * Each view is written by one processor thread, in position order.
 */
@Component
public class ChangeFeed {

    private final ChangeLog log;
    private final ObjectMapper json;
    private final long retention;
    private final Map<View, Sinks.Many<Change>> live = new EnumMap<>(View.class);
    /** Each view's {@link ChangeLog#keptFrom}, read once, then kept here by the only thread that trims it. */
    private final Map<View, Long> keptFrom = new ConcurrentHashMap<>();

    /** {@code retention}: positions of changes kept for resuming streams (docs/api.md: at least 100,000). */
    @Autowired
    public ChangeFeed(ChangeLog log, ObjectMapper json,
                      @Value("${shipjoy.streams.retention:100000}") long retention) {
        this.log = log;
        this.json = json;
        this.retention = retention;
        for (View view : View.values()) {
            // Best effort: a stream's subscriber always has demand, its own bounded queue decides what is too slow.
            live.put(view, Sinks.many().multicast().directBestEffort());
        }
    }

    /**
     * For tools that fill read models without Spring: events a {@code ReadModelFeed} delivers carry their positions
     * and publish as in the service; events handled one at a time outside a unit of work publish nothing.
     */
    public static ChangeFeed inMongo(MongoTemplate mongo) {
        return new ChangeFeed(new MongoChangeLog(mongo), new ObjectMapper().registerModule(new JavaTimeModule()),
                Long.MAX_VALUE);
    }

    /**
     * The position at which the event being handled changes what streams show: empty when the event is replayed
     * (what Axon's {@code ReplayStatus} handler parameter calls REPLAY: a rebuilt read model must not re-send
     * history), handled by a replay's shadow processor (which rebuilds a copy nobody reads yet) or not delivered by
     * an event processor. Read from the unit of work, so that every handler of a projection is covered by the one
     * place that records a change.
     */
    public static OptionalLong position() {
        if (ReadModelCollections.inShadow() || !CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> event)
                || ReplayToken.isReplay((Message<?>) event)) {
            return OptionalLong.empty();
        }
        return event.trackingToken().position();
    }

    /** {@code document} after a change at {@code position}, serialized once for every client. */
    public Change change(long position, String key, List<String> scopes, Object document) {
        try {
            return new Change(position, key, scopes, json.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called by {@code view}'s projection once the read model holds {@code changes} (in position order). */
    public void publish(View view, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        log.write(view, changes);
        Sinks.Many<Change> sink = live.get(view);
        changes.forEach(change -> sink.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))));
        trim(view, changes.get(changes.size() - 1).position());
    }

    /** Every change of {@code view} from now on, in position order; a hot source without a buffer of its own. */
    public Flux<Change> live(View view) {
        return live.get(view).asFlux();
    }

    /** Keeps the last {@code retention} positions, trimming once a tenth of it more can go. */
    private void trim(View view, long newest) {
        long from = keptFrom.computeIfAbsent(view, log::keptFrom);
        long keep = newest - retention + 1;
        if (keep - from >= Math.max(1, retention / 10)) {
            log.trimBelow(view, keep);
            keptFrom.put(view, keep);
        }
    }
}
