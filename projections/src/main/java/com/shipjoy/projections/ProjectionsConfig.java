package com.shipjoy.projections;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Each read model's tracking token is stored in MongoDB beside the read model itself. A crash can then only lose the
 * newest read-model writes together with the token that covers them, never the writes alone: the token is written
 * after the writes it acknowledges, and neither embedded store is durable per write (see README, "Durability").
 * Handlers are idempotent, so events processed again after a crash change nothing.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionsConfig {

    /** {@code shipjoy.node-id}: see the command side's token store; empty keeps Axon's per-process default. */
    @Autowired
    void readModelProcessors(EventProcessingConfigurer processing, ObjectProvider<MongoTemplate> mongo,
                             @Value("${shipjoy.node-id:}") String nodeId) {
        for (String readModel : ReadModels.ALL) {
            processing.registerTrackingEventProcessor(readModel);
            processing.registerTokenStore(readModel, configuration -> tokenStore(mongo.getObject(),
                    configuration.serializer(), nodeId));
        }
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
