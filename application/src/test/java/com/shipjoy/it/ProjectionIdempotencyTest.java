package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipjoy.events.fulfillment.TaskStatus;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.audit.Checkpoint;
import com.shipjoy.projections.audit.EarlierCheckpoint;
import com.shipjoy.projections.audit.StockCheckpoints;
import com.shipjoy.projections.fulfillment.LaborDocument;
import com.shipjoy.projections.fulfillment.ShipmentDocument;
import com.shipjoy.projections.fulfillment.TaskDocument;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.kpi.KpiBucket;
import com.shipjoy.projections.ledger.MovementDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.returns.ReturnDocument;
import com.shipjoy.projections.warehouse.WarehouseDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

/**
 * Axon delivers events at least once: after a crash a read model sees again events it had already applied. Processing
 * the same events twice must leave every read model exactly as it was, and so must rebuilding them from scratch.
 * The tracking tokens are set back directly in the token store (no reset handler runs, nothing is wiped), and the
 * read models are compared byte for byte as the API answers them. An order picked short, packed and shipped comes
 * last, so every read model has events to process.
 */
class ProjectionIdempotencyTest {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.audit.checkpoint-interval=2");
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();
    static EventProcessingConfiguration processing;
    static MongoTemplate mongo;

    @BeforeAll
    static void start() {
        processing = app.bean(EventProcessingConfiguration.class);
        mongo = app.bean(MongoTemplate.class);
        ReadModelHistory.build(api);
    }

    @Test
    void eventsProcessedAgainFromTheMiddleChangeNothing() {
        Map<String, String> before = readModels();
        List<JsonNode> ledger = InventoryApiTest.items(api.read("auditor", "/api/inventory/SKU-1/movements",
                api.head()));
        long middle = ledger.get(ledger.size() / 2).path("position").asLong() - 1;
        // Canaries, repaired only if the events after the middle really are processed again: a total that every
        // SKU-1 event recomputes, and the newest ledger entry.
        mongo.updateFirst(Query.query(where("_id").is("SKU-1")), Update.update("onHand", 999_999),
                InventoryDocument.class);
        long newest = ledger.get(ledger.size() - 1).path("position").asLong();
        mongo.remove(Query.query(where("_id").is(newest)), MovementDocument.class);
        fulfillmentCanaries();

        rewind(middle);

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void everyEventProcessedAgainWithoutAResetChangesNothing() {
        Map<String, String> before = readModels();
        // Canaries: a whole level and the oldest ledger entry, rebuilt only by processing everything again.
        mongo.remove(Query.query(where("_id").is("SKU-3")), InventoryDocument.class);
        mongo.remove(Query.query(where("_id").is("SKU-1")), StockCheckpoints.class);
        mongo.remove(Query.query(where("_id").regex("^W[12]:SKU-1@")), EarlierCheckpoint.class);
        long oldest = InventoryApiTest.items(api.read("auditor", "/api/inventory/SKU-1/movements", api.head()))
                .get(0).path("position").asLong();
        mongo.remove(Query.query(where("_id").is(oldest)), MovementDocument.class);
        fulfillmentCanaries();

        rewind(-1);

        assertThat(readModels()).isEqualTo(before);
    }

    @Test
    void aFullReplayRebuildsTheSameReadModels() {
        Map<String, String> before = readModels();
        // Canaries the reset must wipe: a level and a ledger entry that no event caused.
        mongo.save(new InventoryDocument("GHOST", 5, 0, 5, List.of()));
        mongo.save(new StockCheckpoints("GHOST", List.of()));
        mongo.save(new EarlierCheckpoint("W1:GHOST@2", new Checkpoint(2, Instant.now(), 3, 0, List.of())));
        mongo.save(new MovementDocument(999_999, Instant.now(), "SKU-1", "W1", "RECEIVED", 5, "A-01", null, "X", 5, 0,
                "nobody"));
        mongo.save(new TaskDocument("GHOST.1", "GHOST", "O-P", "W1", "SKU-P", "A-01", 1, null, TaskStatus.OPEN, null,
                null, null, null));
        mongo.save(new LaborDocument("GHOST.1", "W1", "K1", 100, 1, 0, Instant.now()));
        mongo.save(new WarehouseDocument("GHOST", "Ghost", List.of("OUTBOUND"), List.of()));
        // And every KPI hour: the replay must count them all again.
        mongo.remove(new Query(), KpiBucket.class);

        for (String readModel : ReadModels.ALL) {
            StreamingEventProcessor processor = processor(readModel);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        assertThat(readModels()).isEqualTo(before);
        api.get("viewer", "/api/inventory/GHOST", HttpStatus.NOT_FOUND);
    }

    /**
     * Read-your-writes holds for the ledger on its own: a client that waits for its position must see its movement
     * even while the inventory read model lags behind (or is being rebuilt).
     */
    @Test
    void theLedgerReadsItsOwnWritesWhileTheInventoryLags() {
        StreamingEventProcessor inventory = processor(ReadModels.INVENTORY);
        inventory.shutDown();
        try {
            long position = api.post("warehouse", "/api/warehouses/W1/receipts",
                    InventoryApiTest.receipt("R-LAG", "SKU-LAG", 4, "A-01"), HttpStatus.CREATED).position();
            JsonNode ledger = api.read("warehouse", "/api/inventory/SKU-LAG/movements", position);
            assertThat(InventoryApiTest.items(ledger)).extracting(entry -> entry.path("reference").asText())
                    .containsExactly("R-LAG");
        } finally {
            inventory.start();
        }
        assertThat(api.read("agent", "/api/inventory/SKU-LAG", api.head()).path("onHand").asLong()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Damage only processing the fulfillment events again repairs: the task, its labor, the shipment and the order's
     * picked figure (recomputed from the picks kept per task: adding a redelivered pick would count it twice), and
     * the worker hired for it.
     */
    private static void fulfillmentCanaries() {
        mongo.remove(Query.query(where("_id").is(ReadModelHistory.SP + ".1")), TaskDocument.class);
        mongo.remove(Query.query(where("_id").is(ReadModelHistory.SP + ".1")), LaborDocument.class);
        mongo.remove(Query.query(where("_id").is(ReadModelHistory.SP)), ShipmentDocument.class);
        mongo.remove(Query.query(where("_id").is("RMA-P")), ReturnDocument.class);
        mongo.updateFirst(Query.query(where("_id").is("O-P")), Update.update("lines.0.picked", 999),
                OrderDocument.class);
        mongo.updateFirst(Query.query(where("_id").is("W1")), Update.update("workers", List.of()),
                WarehouseDocument.class);
    }

    /**
     * Sets both read models' tokens back to just after {@code position} in their token store (-1: the event store's
     * tail, before its first event), behind the processors' backs: unlike a reset, no @ResetHandler runs, so the
     * events after it are applied a second time onto read models that already hold them.
     */
    private static void rewind(long position) {
        for (String readModel : ReadModels.ALL) {
            StreamingEventProcessor processor = processor(readModel);
            processor.shutDown();
            try {
                TokenStore tokens = processing.tokenStore(readModel);
                for (int segment : tokens.fetchSegments(readModel)) {
                    TrackingToken current = tokens.fetchToken(readModel, segment);
                    assertThat(current.position().orElse(-1)).as("%s has processed events", readModel)
                            .isGreaterThan(position);
                    tokens.storeToken(earlier(current, position), readModel, segment);
                    tokens.releaseClaim(readModel, segment);
                }
            } finally {
                processor.start();
            }
        }
    }

    private static TrackingToken earlier(TrackingToken current, long position) {
        if (position < 0) {
            return app.bean(EventStore.class).createTailToken();
        }
        return current instanceof GapAwareTrackingToken ? GapAwareTrackingToken.newInstance(position, List.of())
                : new GlobalSequenceTrackingToken(position);
    }

    private static StreamingEventProcessor processor(String readModel) {
        return processing.eventProcessor(readModel, StreamingEventProcessor.class).orElseThrow();
    }

    private static Map<String, String> readModels() {
        Map<String, String> answers = new LinkedHashMap<>(ReadModelHistory.answers(api));
        // The audit checkpoints, which no answer shows as they are (as-of waits until they have seen the head).
        api.get("auditor", "/api/inventory/SKU-1/as-of?at=" + Instant.now(), HttpStatus.OK);
        Query byId = new Query().with(Sort.by("_id"));
        answers.put(StockCheckpoints.COLLECTION, mongo.find(byId, StockCheckpoints.class).toString());
        answers.put(EarlierCheckpoint.COLLECTION, mongo.find(byId, EarlierCheckpoint.class).toString());
        return answers;
    }
}
