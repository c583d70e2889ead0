package com.shipjoy.platform.axon;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Positions in the event store: the head after a command, and how far each read model has caught up. */
@Component
public class EventPositions {

    /** How long {@code ?minPosition=} waits for a read model before answering 503. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The OpenAPI description of a query's {@code minPosition} parameter. */
    public static final String MIN_POSITION = "Wait (at most 5 s, then 503) until this read model has processed "
            + "this event-store position, e.g. the X-Event-Position of your last command.";
    private static final Duration POLL = Duration.ofMillis(10);

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    EventPositions(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    /** The position of the newest stored event, 0 for an empty store. Blocking. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * The position up to which every event has been handled by {@code processingGroup}, or -1 while any segment is
     * unclaimed or in error, or the processor does not exist here.
     */
    public long processed(String processingGroup) {
        return tracking(processingGroup).filter(tracking -> !tracking.error()).map(Tracking::position).orElse(-1L);
    }

    /**
     * How far {@code processingGroup} has got (its slowest segment) and whether a segment is in error; empty while
     * any segment is unclaimed or the processor does not exist here.
     */
    public Optional<Tracking> tracking(String processingGroup) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, EventTrackerStatus> status = processor.get().processingStatus();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        long slowest = Long.MAX_VALUE;
        boolean error = false;
        for (EventTrackerStatus segment : status.values()) {
            error |= segment.isErrorState();
            slowest = Math.min(slowest, segment.getCurrentPosition().orElse(-1));
        }
        return Optional.of(new Tracking(slowest, error));
    }

    /** A processor's position and whether it is in error (it then retries its batch, with a growing pause). */
    public record Tracking(long position, boolean error) {
    }

    /**
     * Completes once every one of {@code processingGroups} has handled {@code position}; errors with 503 after
     * {@link #MAX_WAIT}. A null or non-positive position completes at once.
     */
    public Mono<Void> awaitProcessed(Long position, String... processingGroups) {
        if (position == null || position <= 0) {
            return Mono.empty();
        }
        return Flux.interval(Duration.ZERO, POLL, Schedulers.parallel())
                .filter(tick -> caughtUp(position, processingGroups))
                .next()
                .timeout(MAX_WAIT, Mono.error(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The read model has not reached position " + position + " within "
                                + MAX_WAIT.toSeconds() + " s; retry later.")))
                .then();
    }

    /**
     * A query against a read model: waits for it to reach {@code minPosition} (see {@link #awaitProcessed}), then
     * runs the blocking query off the event loop.
     */
    public <T> Mono<T> read(Long minPosition, String readModel, Callable<T> query) {
        return awaitProcessed(minPosition, readModel)
                .then(Mono.fromCallable(query).subscribeOn(Schedulers.boundedElastic()));
    }

    private boolean caughtUp(long position, String... processingGroups) {
        for (String group : processingGroups) {
            if (processed(group) < position) {
                return false;
            }
        }
        return true;
    }
}
