package com.shipjoy.it;

import java.util.List;
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
}
