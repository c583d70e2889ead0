package com.shipjoy.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import java.util.concurrent.Executors;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling // forgetting expired idempotency keys
class CommandSideConfig {

    /**
     * Snapshots are taken on a background thread: taken on the commanding thread, a snapshot needs a second database
     * connection while the command still holds its own, which under concurrent load exhausted the pool and deadlocked
     * the writers (found by the benchmark harness, scenario f).
     */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    HandlerDefinition handlerDefinition) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    /**
     * Stocks stay in memory between commands instead of being loaded from their snapshot and events each time: the
     * allocation process, one thread that every order waits for, reserves on the same few Stocks all day, and most of
     * its time went to H2 page reads for those loads. This service is the only writer of its Stocks (Axon Server
     * routes an aggregate's commands to one instance), a rolled-back unit of work evicts what it touched, and the
     * least recently used Stocks beyond {@code shipjoy.stock-cache-size} make room. Only for Stock: Axon's caching
     * repository fails on a new aggregate whose creation handler applies nothing (a repeated order intake), and every
     * creating handler of Stock applies an event.
     */
    @Bean
    Cache stockCache(@Value("${shipjoy.stock-cache-size:10000}") long size) {
        return new BoundedCache(size);
    }

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
        for (String lookup : Lookups.ALL) {
            processing.registerSubscribingEventProcessor(lookup);
            processing.registerListenerInvocationErrorHandler(lookup, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
