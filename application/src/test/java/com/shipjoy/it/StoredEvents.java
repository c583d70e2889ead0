package com.shipjoy.it;

import static org.awaitility.Awaitility.await;

import com.shipjoy.command.Processes;
import com.shipjoy.platform.axon.EventPositions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** What the event store holds, read directly: the ground truth the read models are checked against. */
final class StoredEvents {

    private StoredEvents() {
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
