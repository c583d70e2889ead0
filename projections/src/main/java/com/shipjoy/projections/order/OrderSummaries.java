package com.shipjoy.projections.order;

import com.shipjoy.projections.stream.ChangeFeed;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The orders read model for tools that fill it without an event store (the benchmark harness seeds 100,000 orders
 * through it): each event goes through the projection's own handlers, as Axon delivers it, one at a time and written
 * at once, so what is stored is exactly what the service stores for the same events.
 */
public final class OrderSummaries {

    private final AnnotationEventHandlerAdapter handlers;

    public OrderSummaries(MongoTemplate mongo) {
        this.handlers = new AnnotationEventHandlerAdapter(new OrderSummaryProjection(mongo, OrderLists.CAPACITY,
                ChangeFeed.inMongo(mongo)));
    }

    /** Applies {@code event} (an event record of the {@code events} module) as stored at {@code timestamp}. */
    public void apply(Object event, Instant timestamp) throws Exception {
        handlers.handle(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), timestamp));
    }
}
