package com.shipjoy.it;

import static org.awaitility.Awaitility.await;

import com.shipjoy.command.Processes;
import com.shipjoy.platform.axon.EventPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/** What the event store holds, read directly: the ground truth the read models are checked against. */
final class StoredEvents {

    private StoredEvents() {
    }

    /** A payload to append with this timestamp instead of the time of appending. */
    record Timed(Instant at, Object payload) {
    }

    /**
     * Appends events to the real event store in one transaction, as a command would (with {@code actor} metadata;
     * subscribing handlers run in it), for read models whose command side does not exist yet. Each payload is an
     * event or a {@link Timed} one. Answers the head position after them.
     */
    static long append(EmbeddedApp app, String actor, Object... payloads) {
        List<EventMessage<?>> messages = Arrays.stream(payloads).<EventMessage<?>>map(payload -> {
            MetaData metaData = MetaData.with("actor", actor);
            return payload instanceof Timed timed
                    ? new GenericEventMessage<>(UUID.randomUUID().toString(), timed.payload(), metaData, timed.at())
                    : new GenericEventMessage<>(payload, metaData);
        }).toList();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(app.bean(TransactionManager.class));
        unitOfWork.execute(() -> app.bean(EventStore.class).publish(messages));
        return app.bean(EventPositions.class).head();
    }

    /** Payload type names (without "Event") of every stored event after {@code position}, in store order. */
    static List<String> after(EmbeddedApp app, long position) {
        try (Stream<? extends TrackedEventMessage<?>> events = app.bean(EventStorageEngine.class)
                .readEvents(null, false)) {
            return events.filter(event -> event.trackingToken().position().orElse(0) > position)
                    .map(event -> event.getPayloadType().getSimpleName().replaceFirst("Event$", ""))
                    .toList();
        }
    }

    /**
     * Waits until the allocation process has handled every stored event, and nothing new came meanwhile; answers
     * that head. For checks after bursts, when answers may have outrun the process (status PLACED).
     */
    static long settled(EmbeddedApp app) {
        EventPositions positions = app.bean(EventPositions.class);
        AtomicLong settledAt = new AtomicLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long head = positions.head();
            settledAt.set(head);
            return positions.processed(Processes.ORDER_ALLOCATION) >= head && positions.head() == head;
        });
        return settledAt.get();
    }
}
