package com.shipjoy.projections;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.shipjoy.platform.axon.EventPositions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a read model without downtime. A replay builds the next generation of the read model's collections (see
 * {@link ReadModelCollections}) with a <i>shadow</i> processor: the live processor's handlers and {@link BatchWrites},
 * its own token ({@code <name>@g<generation>}) in the same token store, from the first event, on threads bound to the
 * new generation, publishing nothing to the streams. Meanwhile every query and the live processor keep using the
 * current generation, unchanged. Once the shadow has reached the head as it was at the start and the live processor's
 * position, the switch: the live processor stops, the shadow goes on until it has processed at least everything the
 * live copy had and stops, what the read model completes in a shadow is done ({@link ReplayCompletion}), the new
 * generation becomes current (one write, then at once in memory), and the live
 * processor starts again on it from its own token; events the shadow had already processed beyond that are processed
 * again (the projections are idempotent), so the streams miss none. Then the old generation's collections and the
 * shadow's token are dropped.
 * <p>
 * Generations are kept in {@code read_model_generations}, one document per read model that ever replayed:
 * {@code current}, and while replaying {@code shadow} and {@code headPosition}. A replay interrupted by a restart
 * <b>resumes</b>: its shadow's collections and token are kept and its processor starts again where its token is. A
 * crash after the switch's one write leaves the old collections and the shadow's token, which the next start drops.
 */
@Component
public class ReadModelReplays {

    static final String GENERATIONS = "read_model_generations";
    private static final Logger log = LoggerFactory.getLogger(ReadModelReplays.class);
    private static final long CHECK_MILLIS = 100;
    /** How long the live processor may stay stopped waiting for the shadow to reach it before trying later. */
    private static final long SWITCH_WAIT_MILLIS = 10_000;

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final EventPositions positions;
    private final MongoTemplate mongo;
    private final int batchSize;
    private final List<ReplayCompletion> completions;
    private final Map<String, Replay> running = new ConcurrentHashMap<>();
    /** Per read model: held while its live processor is stopped on purpose (a switch, a retry). */
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService switcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "read-model-replays");
        thread.setDaemon(true);
        return thread;
    });

    /** A replay as it started: the read model, the generation it builds, the event store's head at the start. */
    public record Started(String name, long generation, long headPosition) {
    }

    /**
     * A running replay: {@code position} is how far its shadow copy has processed, {@code progress} that position
     * over {@code headPosition} (the head at its start), from 0 to 1, never falling.
     */
    public record Progress(String name, long generation, long headPosition, long position, double progress) {
    }

    /** A replay of a read model that is already replaying, or a retry of its dead letters meanwhile. */
    public static final class AlreadyReplaying extends RuntimeException {

        AlreadyReplaying(String message) {
            super(message);
        }
    }

    /**
     * {@code batchSize}: events per batch of a shadow processor, at most; {@code completions}: what read models
     * complete in a shadow before its switch.
     */
    ReadModelReplays(EventProcessingConfiguration processing, EventStore events, EventPositions positions,
                     MongoTemplate mongo, @Value("${shipjoy.replay.batch-size:1000}") int batchSize,
                     List<ReplayCompletion> completions) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("shipjoy.replay.batch-size must be at least 1, not " + batchSize);
        }
        this.processing = processing;
        this.events = events;
        this.positions = positions;
        this.mongo = mongo;
        this.batchSize = batchSize;
        this.completions = completions;
        // Before any processor starts (they start with the context): each must write its current generation.
        loadGenerations();
    }

    /**
     * Starts rebuilding {@code name}, one of {@link ReadModels#ALL}.
     *
     * @throws AlreadyReplaying if it is already replaying
     */
    public synchronized Started replay(String name) {
        if (!ReadModels.ALL.contains(name)) {
            throw new IllegalArgumentException("No read model " + name);
        }
        synchronized (lock(name)) { // not while a retry of its dead letters runs (see withLiveStopped)
            return begin(name);
        }
    }

    private Started begin(String name) {
        if (running.containsKey(name)) {
            throw new AlreadyReplaying("The read model " + name + " is already replaying.");
        }
        long generation = ReadModelCollections.generation(name) + 1;
        drop(name, generation);
        long head = positions.head();
        mongo.upsert(Query.query(where("_id").is(name)), new Update()
                .set("current", ReadModelCollections.generation(name))
                .set("shadow", generation)
                .set("headPosition", head), GENERATIONS);
        start(name, generation, head, -1);
        return new Started(name, generation, head);
    }

    /** Whether {@code name} is replaying right now. */
    public boolean replaying(String name) {
        return running.containsKey(name);
    }

    /** The progress of {@code name}'s replay; empty when it is not replaying. */
    public Optional<Progress> progress(String name) {
        Replay replay = running.get(name);
        if (replay == null) {
            return Optional.empty();
        }
        long position = replay.seen(position(replay.shadow));
        double progress = replay.head <= 0 ? 1 : Math.min(1, Math.max(0, position) / (double) replay.head);
        return Optional.of(new Progress(name, replay.generation, replay.head, position, progress));
    }

    /** Resumes the replays a restart interrupted and drops what a crash during a switch left. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (Document generations : mongo.findAll(Document.class, GENERATIONS)) {
            String name = generations.getString("_id");
            TokenStore tokens = processing.tokenStore(name);
            deleteToken(tokens, shadowName(name, generations.getLong("current")));
            Long shadow = generations.getLong("shadow");
            if (shadow != null) {
                log.info("Resuming the replay of {} into generation {}", name, shadow);
                start(name, shadow, generations.getLong("headPosition"),
                        storedPosition(tokens, shadowName(name, shadow)));
            }
        }
    }

    /** Stops the shadows before Axon and the stores stop; their tokens let them resume at the next start. */
    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        switcher.shutdown();
        switcher.awaitTermination(SWITCH_WAIT_MILLIS * 2, TimeUnit.MILLISECONDS);
        running.values().forEach(replay -> replay.shadow.shutDown());
        running.clear();
    }

    /** {@code at}: where the shadow's stored token is (-1 for a new replay), the least progress to report. */
    private void start(String name, long generation, long head, long at) {
        TrackingEventProcessor live = live(name);
        String shadowName = shadowName(name, generation);
        TrackingEventProcessor shadow = ProjectionsConfig.readModelProcessor(shadowName, live.eventHandlerInvoker(),
                events, processing.tokenStore(name), TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andThreadFactory(ignored -> ReadModelCollections.shadowThreads(shadowName, name,
                                generation)));
        // Not the live processor's interceptors: the first is its own, bound to its segments.
        shadow.registerHandlerInterceptor(BatchWrites.interceptor());
        Replay replay = new Replay(name, generation, head, shadow);
        replay.seen(at);
        running.put(name, replay);
        shadow.start();
        replay.check = switcher.scheduleWithFixedDelay(() -> check(replay), CHECK_MILLIS, CHECK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void check(Replay replay) {
        try {
            long shadowAt = replay.seen(position(replay.shadow));
            if (shadowAt >= replay.head && shadowAt >= position(live(replay.name))) {
                switchOver(replay);
            }
        } catch (RuntimeException e) {
            log.warn("Replay of {}: the switch failed, trying again", replay.name, e);
        }
    }

    /**
     * Runs {@code task} while {@code name}'s live processor is stopped (after its current batch), then starts it
     * again if it was running; never at the same time as a replay's switch of that read model, which stops and
     * starts the same processor. For work that must be the read model's only writer (a retry of dead letters).
     */
    public void withLiveStopped(String name, Runnable task) {
        synchronized (lock(name)) {
            if (running.containsKey(name)) {
                // The shadow has passed (or will pass) the parked events as parked: what the task changed in the
                // current copy would be missing from the new one.
                throw new AlreadyReplaying("The read model " + name + " is replaying; retry its dead letters once "
                        + "the replay is done.");
            }
            whileStopped(name, task);
        }
    }

    private void whileStopped(String name, Runnable task) {
        TrackingEventProcessor live = live(name);
        boolean wasRunning = live.isRunning();
        live.shutDown();
        try {
            task.run();
        } finally {
            if (wasRunning) {
                live.start();
            }
        }
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, key -> new Object());
    }

    private void switchOver(Replay replay) {
        TokenStore tokens = processing.tokenStore(replay.name);
        long old = ReadModelCollections.generation(replay.name);
        AtomicBoolean switched = new AtomicBoolean();
        synchronized (lock(replay.name)) {
            whileStopped(replay.name, () -> {
                long liveAt = storedPosition(tokens, replay.name);
                long deadline = System.currentTimeMillis() + SWITCH_WAIT_MILLIS;
                while (position(replay.shadow) < liveAt) {
                    if (System.currentTimeMillis() > deadline) {
                        return;
                    }
                    sleep();
                }
                replay.shadow.shutDown();
                complete(replay);
                mongo.updateFirst(Query.query(where("_id").is(replay.name)), new Update()
                        .set("current", replay.generation).unset("shadow").unset("headPosition"), GENERATIONS);
                ReadModelCollections.makeCurrent(replay.name, replay.generation);
                switched.set(true);
            });
            if (!switched.get()) {
                return;
            }
            running.remove(replay.name);
        }
        replay.check.cancel(false);
        drop(replay.name, old);
        deleteToken(tokens, replay.shadow.getName());
        log.info("Replay of {} done: generation {} is current", replay.name, replay.generation);
    }

    /** The read model's completions of the stopped shadow; if one fails, the shadow goes on and the switch waits. */
    private void complete(Replay replay) {
        try {
            ReadModelCollections.runInShadow(replay.name, replay.generation, () -> completions.stream()
                    .filter(completion -> completion.readModel().equals(replay.name))
                    .forEach(ReplayCompletion::complete));
        } catch (RuntimeException e) {
            replay.shadow.start();
            throw e;
        }
    }

    private TrackingEventProcessor live(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
    }

    private static String shadowName(String name, long generation) {
        return name + "@g" + generation;
    }

    /** How far {@code processor} has processed: -1 until it has claimed its segment. */
    private static long position(TrackingEventProcessor processor) {
        EventTrackerStatus status = processor.processingStatus().get(0);
        return status == null ? -1 : status.getCurrentPosition().orElse(0);
    }

    /** The position in {@code processor}'s stored token, -1 without one; only while no processor holds it. */
    private static long storedPosition(TokenStore tokens, String processor) {
        if (tokens.fetchSegments(processor).length == 0) {
            return -1;
        }
        TrackingToken token = tokens.fetchToken(processor, 0);
        tokens.releaseClaim(processor, 0);
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static void deleteToken(TokenStore tokens, String processor) {
        if (tokens.fetchSegments(processor).length > 0) {
            tokens.fetchToken(processor, 0); // claims it, which deleting needs
            tokens.deleteToken(processor, 0);
        }
    }

    private void drop(String name, long generation) {
        ReadModelCollections.bases(name).forEach(base ->
                mongo.dropCollection(ReadModelCollections.name(base, generation)));
    }

    /** Makes each read model's stored generation current, and drops every other generation's collections. */
    private void loadGenerations() {
        Map<String, Set<Long>> kept = new HashMap<>();
        ReadModels.ALL.forEach(name -> {
            ReadModelCollections.makeCurrent(name, 0);
            kept.put(name, new HashSet<>(Set.of(0L)));
        });
        for (Document generations : mongo.findAll(Document.class, GENERATIONS)) {
            String name = generations.getString("_id");
            long current = generations.getLong("current");
            ReadModelCollections.makeCurrent(name, current);
            Set<Long> keep = kept.get(name);
            keep.clear();
            keep.add(current);
            Optional.ofNullable(generations.getLong("shadow")).ifPresent(keep::add);
        }
        Set<String> existing = mongo.getCollectionNames();
        kept.forEach((name, keep) -> ReadModelCollections.bases(name).forEach(base -> {
            Pattern generationOf = Pattern.compile(Pattern.quote(base) + "(?:_g(\\d+))?");
            for (String collection : existing) {
                Matcher matcher = generationOf.matcher(collection);
                if (matcher.matches()
                        && !keep.contains(matcher.group(1) == null ? 0L : Long.parseLong(matcher.group(1)))) {
                    mongo.dropCollection(collection);
                }
            }
        }));
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during a switch", e);
        }
    }

    private static final class Replay {

        final String name;
        final long generation;
        final long head;
        final TrackingEventProcessor shadow;
        final AtomicLong seen = new AtomicLong(-1);
        volatile ScheduledFuture<?> check;

        Replay(String name, long generation, long head, TrackingEventProcessor shadow) {
            this.name = name;
            this.generation = generation;
            this.head = head;
            this.shadow = shadow;
        }

        /** The furthest position seen, so that progress never falls (a resumed shadow reports -1 at first). */
        long seen(long position) {
            return seen.accumulateAndGet(position, Math::max);
        }
    }
}
