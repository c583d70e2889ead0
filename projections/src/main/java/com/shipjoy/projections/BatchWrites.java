package com.shipjoy.projections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a read model's handlers change during one batch of its processor, held in memory and written after the
 * batch's last event: several events of one order make one write, and the batch's writes go in few round trips. The
 * writes happen before the processor stores the batch's token (see {@link #interceptor()}), so a crash loses both or
 * neither, as with writes made at once; handlers stay idempotent either way. A batch that fails is dropped with its
 * unit of work and processed again. Outside a batch (a handler called directly) each call is written at once.
 *
 * @param <S> the batch's state, e.g. the documents changed so far by id
 */
public final class BatchWrites<S> {

    private final String resource = "BatchWrites@" + Integer.toHexString(System.identityHashCode(this));
    private final Function<List<? extends EventMessage<?>>, S> start;
    private final Consumer<S> write;

    /** {@code empty}: a new batch's state; {@code write}: stores a batch's state. */
    public BatchWrites(Supplier<S> empty, Consumer<S> write) {
        this.start = events -> empty.get();
        this.write = write;
    }

    private BatchWrites(Function<List<? extends EventMessage<?>>, S> start, Consumer<S> write) {
        this.start = start;
        this.write = write;
    }

    /**
     * {@code start}: a new batch's state from all of the batch's events (outside a batch: none), so that the
     * documents they need can be read in one query rather than one per document; {@code write}: stores a batch's
     * state.
     */
    public static <S> BatchWrites<S> startingFrom(Function<List<? extends EventMessage<?>>, S> start,
                                                  Consumer<S> write) {
        return new BatchWrites<>(start, write);
    }

    /** Applies {@code change} to the current batch's state (outside a batch: to a fresh one, written at once). */
    public void change(Consumer<S> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            S state = start.apply(List.of());
            change.accept(state);
            write.accept(state);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Held<S> held = root.getOrComputeResource(resource, key -> new Held<>(start.apply(
                root instanceof BatchingUnitOfWork<?> batch ? eventsOf(batch) : List.of()), write));
        change.accept(held.state());
    }

    @SuppressWarnings("unchecked")
    private static List<? extends EventMessage<?>> eventsOf(BatchingUnitOfWork<?> batch) {
        return (List<? extends EventMessage<?>>) batch.getMessages();
    }

    /**
     * The ids {@code id} gives for the events in {@code events} whose payload is a {@code type}, in order, without
     * repeats; other events are not deserialized.
     */
    public static <P> Set<String> ids(List<? extends EventMessage<?>> events, Class<P> type,
                                      Function<P, String> id) {
        return allIds(events, type, event -> List.of(id.apply(event)));
    }

    /** As {@link #ids}, for events that name several documents each. */
    public static <P> Set<String> allIds(List<? extends EventMessage<?>> events, Class<P> type,
                                         Function<P, Collection<String>> ids) {
        Set<String> all = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (type.isAssignableFrom(event.getPayloadType())) {
                all.addAll(ids.apply(type.cast(event.getPayload())));
            }
        }
        return all;
    }

    private record Held<S>(S state, Consumer<S> write) {

        void flush() {
            write.accept(state);
        }
    }

    /**
     * Writes what the handlers held after the last event of each batch, inside the handling phase: the processor
     * stores its token later, at prepare-commit (see {@code ProjectionsConfig}). Register it on every processor whose
     * handlers use this class.
     */
    public static MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return BatchWrites::afterLastEvent;
    }

    private static Object afterLastEvent(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                         InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            Map<String, Object> resources = unitOfWork.root().resources();
            List<String> held = new ArrayList<>();
            resources.forEach((key, value) -> {
                if (value instanceof Held<?>) {
                    held.add(key);
                }
            });
            for (String key : held) {
                ((Held<?>) resources.remove(key)).flush();
            }
        }
        return result;
    }
}
