package com.shipjoy.projections;

import org.axonframework.eventhandling.EventMessage;

/** How the API names an event: its class without the "Event" suffix ({@code OrderPlaced}, {@code StockReserved}). */
public final class EventNames {

    private EventNames() {
    }

    public static String of(EventMessage<?> message) {
        return message.getPayloadType().getSimpleName().replaceFirst("Event$", "");
    }
}
