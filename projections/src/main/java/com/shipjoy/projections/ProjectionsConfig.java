package com.shipjoy.projections;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Each read model's tracking token is stored in MongoDB beside the read model itself, and only after the batch's
 * read-model writes: a crash can then lose the newest writes together with the token that covers them, never the
 * writes alone. (Axon's default stores the token first, which is only safe when token and handlers share a
 * transaction; mongo-java-server has none.) Events processed again after a crash change nothing: handlers are
 * idempotent.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionsConfig {

    /**
     * Events handled per batch, at most: what is available, up to this many, then one token write. With one event
     * per batch every event cost a token write per read model (eight per event), most of them for events the read
     * model ignores. The processor's position, which {@code minPosition} waits for, moves only after the batch's
     * writes, so read-your-writes holds.
     */
    static final int BATCH_SIZE = 100;

    /** {@code shipjoy.node-id}: see the command side's token store; empty keeps Axon's per-process default. */
    @Autowired
    void readModelProcessors(EventProcessingConfigurer processing, ObjectProvider<MongoTemplate> mongo,
                             @Value("${shipjoy.node-id:}") String nodeId) {
        for (String readModel : ReadModels.ALL) {
            // Registered, not only handed to the processor, so tooling that asks for a processor's store finds it.
            processing.registerTokenStore(readModel, configuration -> tokenStore(mongo.getObject(),
                    configuration.serializer(), nodeId));
            processing.registerHandlerInterceptor(readModel, configuration -> BatchWrites.interceptor());
            DeadLetters.register(processing, readModel, mongo::getObject);
            processing.registerEventProcessor(readModel, (name, configuration, handlers) -> readModelProcessor(name,
                    handlers, configuration.eventStore(), configuration.eventProcessingConfiguration().tokenStore(name),
                    TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH_SIZE)));
        }
    }

    /**
     * A read model's processor: {@code handlers} on one segment, tokens stored after each batch's writes. The live
     * processors and a replay's shadow processor ({@link ReadModelReplays}) are built alike.
     */
    static TrackingEventProcessor readModelProcessor(String name, EventHandlerInvoker handlers,
                                                     StreamableMessageSource<TrackedEventMessage<?>> events,
                                                     TokenStore tokens,
                                                     TrackingEventProcessorConfiguration configuration) {
        return TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(handlers)
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(configuration)
                .storingTokensAfterProcessing()
                .build();
    }

    private static TokenStore tokenStore(MongoTemplate mongo, Serializer serializer, String nodeId) {
        MongoTokenStore.Builder builder = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo.getDb()).build())
                .serializer(serializer);
        if (!nodeId.isEmpty()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }
}
