package com.shipjoy.projections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
    private final Supplier<S> empty;
    private final Consumer<S> write;

    /** {@code empty}: a new batch's state; {@code write}: stores a batch's state. */
    public BatchWrites(Supplier<S> empty, Consumer<S> write) {
        this.empty = empty;
        this.write = write;
    }

    /** Applies {@code change} to the current batch's state (outside a batch: to a fresh one, written at once). */
    public void change(Consumer<S> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            S state = empty.get();
            change.accept(state);
            write.accept(state);
            return;
        }
        Held<S> held = CurrentUnitOfWork.get().root().getOrComputeResource(resource,
                key -> new Held<>(empty.get(), write));
        change.accept(held.state());
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
