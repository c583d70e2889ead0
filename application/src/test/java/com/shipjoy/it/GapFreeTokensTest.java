package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Event-store reads cost the same whatever the history: positions left unused (a rolled-back command, a kill -9)
 * never become gaps in a processor's token, because a gap turns H2's read into a scan of the whole table.
 */
class GapFreeTokensTest {

    @Test
    void positionsThatWillNeverBeUsedAreNoGapsInAnyToken() {
        try (EmbeddedApp app = EmbeddedApp.start()) {
            Api api = new Api(app);
            api.post("warehouse", "/api/warehouses", """
                    {"warehouseId":"GF-WH","name":"Gaps","locations":["A-01"]}""", HttpStatus.CREATED);
            burnPositions(app, 5); // what rolled-back appends leave behind
            long position = api.post("warehouse", "/api/warehouses/GF-WH/receipts", """
                    {"reference":"PO-GF","lines":[{"sku":"GF-1","quantity":3,"location":"A-01"}]}""",
                    HttpStatus.CREATED).position();
            api.read("auditor", "/api/inventory/GF-1", position);

            EventProcessingConfiguration processing = app.bean(EventProcessingConfiguration.class);
            int tokens = 0;
            for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .toList()) {
                for (EventTrackerStatus status : processor.processingStatus().values()) {
                    GapAwareTrackingToken token = (GapAwareTrackingToken) status.getTrackingToken();
                    assertThat(token.getGaps()).as(processor.getName()).isEmpty();
                    tokens++;
                }
            }
            assertThat(tokens).isPositive();
        }
    }

    private static void burnPositions(EmbeddedApp app, int count) {
        try (Connection connection = app.bean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                statement.execute("select next value for event_global_index");
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
