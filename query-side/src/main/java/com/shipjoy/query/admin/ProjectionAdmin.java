package com.shipjoy.query.admin;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.projections.DeadLetters;
import com.shipjoy.projections.EventNames;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.query.admin.ProjectionStatus.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The read models' state, their parked events and retrying them; every method blocks. */
@Component
class ProjectionAdmin {

    private final EventProcessingConfiguration processing;
    private final EventPositions positions;
    private final ReadModelReplays replays;

    ProjectionAdmin(EventProcessingConfiguration processing, EventPositions positions, ReadModelReplays replays,
                    MeterRegistry meters) {
        this.processing = processing;
        this.positions = positions;
        this.replays = replays;
        for (String readModel : ReadModels.ALL) {
            Gauge.builder("shipjoy.projection.dead.letters", () -> queue(readModel).size())
                    .tag("projection", readModel)
                    .description("Events the read model parked because its handlers failed on them")
                    .register(meters);
        }
    }

    List<ProjectionStatus> all() {
        long head = positions.head();
        return ReadModels.ALL.stream().map(readModel -> status(readModel, head)).toList();
    }

    ProjectionStatus status(String readModel) {
        known(readModel);
        return status(readModel, positions.head());
    }

    /** ERROR while anything is parked or the processor fails, else REPLAYING during a replay, else LIVE. */
    private ProjectionStatus status(String readModel, long head) {
        long parked = queue(readModel).size();
        EventPositions.Tracking tracking = positions.tracking(readModel).orElse(new EventPositions.Tracking(0, false));
        Optional<Double> replay = replays.progress(readModel).map(ReadModelReplays.Progress::progress);
        Status status = parked > 0 || tracking.error() ? Status.ERROR
                : replay.isPresent() ? Status.REPLAYING : Status.LIVE;
        long position = Math.max(0, tracking.position());
        return new ProjectionStatus(readModel, status, position, head, Math.max(0, head - position),
                replay.orElse(1.0), parked);
    }

    /** Every parked event, sequence by sequence, each sequence in the order its events happened. */
    List<ParkedEvent> deadLetters(String readModel) {
        known(readModel);
        List<ParkedEvent> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(readModel).deadLetters()) {
            sequence.forEach(letter -> parked.add(parked(letter)));
        }
        return parked;
    }

    /**
     * Processes every parked sequence once, from its first letter: a sequence whose letters all succeed leaves the
     * queue, one whose letter fails again stays from that letter on (its retries counted). The read model's
     * handlers read, change and write documents that several sequences share (an sku's level, an order-list bucket,
     * an hour's KPIs) and rely on being their only writer, so the processor stops for the retry and starts again
     * after it (it finishes its batch first); one retry runs at a time. Nothing parked, nothing stops.
     */
    synchronized void retry(String readModel) {
        known(readModel);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(readModel)
                .orElseThrow();
        if (queue(readModel).size() == 0) {
            return;
        }
        // Never during a replay's switch of the same read model, which stops and starts the same processor.
        replays.withLiveStopped(readModel, () -> {
            Set<String> tried = new HashSet<>();
            int before;
            do {
                before = tried.size();
                letters.process(letter -> tried.add(DeadLetters.sequence(letter)));
            } while (tried.size() > before);
        });
    }

    private static ParkedEvent parked(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        long position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().orElse(-1) : -1;
        long retries = DeadLetters.retries(letter);
        ParkedEvent.Error error = letter.cause().map(cause -> new ParkedEvent.Error(cause.type(), cause.message()))
                .orElse(null);
        return new ParkedEvent(EventNames.of(event), position, event.getTimestamp(), DeadLetters.sequence(letter),
                error, letter.enqueuedAt(), retries > 0 ? letter.lastTouched() : null, retries);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String readModel) {
        return processing.deadLetterQueue(readModel).orElseThrow();
    }

    private static void known(String readModel) {
        if (!ReadModels.ALL.contains(readModel)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Unknown projection " + readModel
                    + "; the projections are " + String.join(", ", ReadModels.ALL) + ".");
        }
    }
}
