package com.shipjoy.command;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfig {

    /** Busy skus gather many events; a snapshot every 100 keeps loading them fast. */
    @Bean
    SnapshotTriggerDefinition stockSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** The catalog must commit with the events it mirrors, so it is updated in the publishing transaction. */
    @Autowired
    void subscribingCatalog(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor("warehouse-catalog");
    }
}
