package com.shipjoy.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfig {

    /** Busy skus gather many events; a snapshot every 100 keeps loading them fast. */
    @Bean
    SnapshotTriggerDefinition stockSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /**
     * With a fixed node id (the embedded mode: one process per data directory, which H2's file lock enforces), a
     * process restarted after kill -9 owns the token claims its predecessor left, instead of waiting for them to
     * time out. Replicas of the distributed mode leave it unset and keep Axon's per-process default.
     */
    @Bean
    @ConditionalOnProperty("shipjoy.node-id")
    TokenStore tokenStore(@Qualifier("serializer") Serializer serializer, EntityManagerProvider entityManagers,
                          @Value("${shipjoy.node-id}") String nodeId) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagers).serializer(serializer).nodeId(nodeId)
                .build();
    }

    /**
     * The lookups for set-based validation must commit with the events they mirror, so they are updated in the
     * publishing transaction, and a failure to update one (a second intake of an order) fails the command.
     */
    @Autowired
    void setBasedLookups(EventProcessingConfigurer processing) {
        for (String lookup : new String[] {"warehouse-catalog", "order-intake", "stock-levels"}) {
            processing.registerSubscribingEventProcessor(lookup);
            processing.registerListenerInvocationErrorHandler(lookup, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
