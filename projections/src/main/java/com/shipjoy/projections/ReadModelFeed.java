package com.shipjoy.projections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.MetaData;

/**
 * A read model filled without Spring and without an event store, for tools (the benchmark harness seeds read models
 * through it): its real projection gets the events as the service's processor hands them over, with their positions
 * and timestamps, in batches of {@link ProjectionsConfig#BATCH_SIZE}, each in one Axon unit of work with the same
 * {@link BatchWrites} interceptor, so what is stored is exactly what the service stores for the same events. Axon's
 * own subscribing processor on a local event bus does the batching. Single-threaded, like the service's processor.
 */
public final class ReadModelFeed implements AutoCloseable {

    private final SimpleEventBus bus = SimpleEventBus.builder().build();
    private final SubscribingEventProcessor processor;
    private final List<EventMessage<?>> batch = new ArrayList<>();

    /** {@code readModel}: one of {@link ReadModels}; {@code projection}: its event handlers. */
    public ReadModelFeed(String readModel, Object projection) {
        this.processor = SubscribingEventProcessor.builder()
                .name(readModel)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                .messageSource(bus)
                .build();
        processor.registerHandlerInterceptor(BatchWrites.interceptor());
        processor.start();
    }

    /**
     * Applies {@code event} (an event record of the {@code events} module) as stored at {@code position} (rising from
     * call to call) and {@code timestamp}; it is written with its batch, at the latest by {@link #close()}. A
     * handler's failure is thrown here.
     */
    public void apply(Object event, long position, Instant timestamp) {
        batch.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>(UUID.randomUUID().toString(), event, MetaData.emptyInstance(), timestamp)));
        if (batch.size() == ProjectionsConfig.BATCH_SIZE) {
            deliver();
        }
    }

    /** Writes the last batch. */
    @Override
    public void close() {
        deliver();
        processor.shutDown();
    }

    private void deliver() {
        if (!batch.isEmpty()) {
            bus.publish(List.copyOf(batch));
            batch.clear();
        }
    }
}
