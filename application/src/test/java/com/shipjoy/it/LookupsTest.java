package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.command.Lookups;
import com.shipjoy.command.Processes;
import com.shipjoy.projections.ReadModels;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;

/**
 * The set-based lookups run in the transaction of the command whose events they mirror: every lookup's processor
 * subscribes (a tracking one would update the table later, in a transaction of its own, and a second intake of an
 * order could commit), and every event processor of the running service is a lookup, a process or a read model, so a
 * new lookup whose processing group is missing from {@link Lookups} fails here instead of tracking by default.
 */
class LookupsTest {

    @Test
    void everyLookupIsUpdatedInTheCommandsTransaction() {
        try (EmbeddedApp app = EmbeddedApp.start()) {
            Map<String, EventProcessor> processors = app.bean(EventProcessingConfiguration.class).eventProcessors();

            for (String lookup : Lookups.ALL) {
                assertThat(processors.get(lookup)).as(lookup).isInstanceOf(SubscribingEventProcessor.class);
            }
            Set<String> known = new HashSet<>(Lookups.ALL);
            known.addAll(ReadModels.ALL);
            known.addAll(Set.of(Processes.ORDER_ALLOCATION, Processes.RECEIPT_POSTING));
            assertThat(processors.keySet()).as("event processors that are neither lookups, processes nor read models")
                    .isSubsetOf(known);
        }
    }
}
