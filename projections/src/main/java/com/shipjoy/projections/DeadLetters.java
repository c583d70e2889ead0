package com.shipjoy.projections;

import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.order.OrderEvent;
import com.shipjoy.events.stock.OrderStockEvent;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Each read model parks an event its handlers cannot process, with the error, in Axon's sequenced dead-letter queue
 * (collection {@value #COLLECTION} of the read-model database), and goes on with the other events. Later events of
 * the same sequence are parked behind it, so a document never gets them out of order; a retry processes a sequence
 * from its first letter on. Axon's bounds hold: at most 1,024 sequences of at most 1,024 events per read model; an
 * event that finds the queue full fails its batch, and the processor stops and retries instead of losing it. An event
 * is parked once, however often it is handled again ({@link DistinctDeadLetters}: replays).
 */
public final class DeadLetters {

    /** Where the parked events are kept, per read model (the letters name their processing group). */
    public static final String COLLECTION = "dead_letters";
    /** Diagnostics entry: how many times a letter was retried and failed again. */
    public static final String RETRIES = "retries";

    /**
     * Read models whose documents belong to an order: an event naming an order (of the order, its shipments, or a
     * stock event done for it) is in the order's sequence, so one order's document waits as a whole. The others
     * keep Axon's default, the event's aggregate: stock events carry a stock's figures after them, which must be
     * applied in that stock's order, and a stock's events must not wait behind one order.
     */
    private static final Set<String> BY_ORDER = Set.of(ReadModels.ORDERS, ReadModels.BACKORDERS,
            ReadModels.ORDER_HISTORY, ReadModels.RETURNS, ReadModels.KPIS);

    private DeadLetters() {
    }

    static void register(EventProcessingConfigurer processing, String readModel, Supplier<MongoTemplate> mongo) {
        processing.registerDeadLetterQueue(readModel, configuration -> new DistinctDeadLetters(
                MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(readModel)
                        .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo.get().getDb())
                                .deadLetterCollectionName(COLLECTION).build())
                        .serializer(configuration.eventSerializer())
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .build()));
        processing.registerDeadLetterPolicy(readModel, configuration -> DeadLetters::decide);
        processing.registerDeadLetteringEventHandlerInvokerConfiguration(readModel, (configuration, invoker) -> invoker
                // The read models have no transactions (mongo-java-server has none).
                .transactionManager(NoTransactionManager.INSTANCE)
                // Without it, every event asks the queue whether its sequence is parked: a query per event.
                .enableSequenceIdentifierCache()
                // A reset processes every event again, parked ones included.
                .allowReset(true));
        if (BY_ORDER.contains(readModel)) {
            processing.registerSequencingPolicy(readModel, configuration -> DeadLetters::byOrder);
        }
    }

    static Object byOrder(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof OrderEvent order) {
            return "order " + order.orderId().value();
        }
        if (payload instanceof FulfillmentEvent shipment) {
            return "order " + shipment.orderId().value();
        }
        if (payload instanceof OrderStockEvent stock) {
            return "order " + stock.orderId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }

    /**
     * Every failure parks the event (Axon's default, the message truncated to 1,024 characters) and counts it: a
     * letter read back from the queue is being retried, a new one has just failed for the first time.
     */
    private static EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter,
                                                           Throwable cause) {
        long retries = letter instanceof MongoDeadLetter<?> ? retries(letter) + 1 : 0;
        return Decisions.enqueue(ThrowableCause.truncated(cause),
                parked -> parked.diagnostics().and(RETRIES, retries));
    }

    /** How many times {@code letter} was retried in vain. */
    public static long retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number retries ? retries.longValue() : 0;
    }

    /** The sequence (order, stock, shipment, …) a letter blocks. */
    public static String sequence(DeadLetter<?> letter) {
        return letter instanceof MongoDeadLetter<?> stored ? stored.sequenceIdentifier() : "";
    }
}
