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

    /** O-P's shipment: its id is derived from the order (see Order.releaseAllocated). */
    static final String SP = UUID.nameUUIDFromBytes("O-P/shipment/1".getBytes(StandardCharsets.UTF_8)).toString();

    /** A fixed KPI window around the test's run, so that the answers do not change with the clock. */
    static final String WINDOW = "from=" + Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1))
            + "&to=" + Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));

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
        String wh = "/api/warehouses";
        api.post("warehouse", wh, "{\"warehouseId\":\"W1\",\"name\":\"One\",\"locations\":[\"A-01\",\"A-02\","
                + "\"A-03\"]}", HttpStatus.CREATED);
        api.post("warehouse", wh, "{\"warehouseId\":\"W2\",\"name\":\"Two\",\"locations\":[\"B-01\",\"B-02\"]}",
                HttpStatus.CREATED);
        api.post("warehouse", wh + "/W1/receipts", """
                {"receiptId":"R1","reference":"PO-1","lines":[
                  {"sku":"SKU-1","quantity":10,"location":"A-01"},
                  {"sku":"SKU-2","quantity":5,"location":"A-02"},
                  {"sku":"SKU-1","quantity":3,"location":"A-03"}]}""", HttpStatus.CREATED);
        api.post("admin", wh + "/W2/receipts", InventoryApiTest.receipt("R2", "SKU-1", 7, "B-01"), HttpStatus.CREATED);
        api.post("warehouse", wh + "/W1/moves", InventoryApiTest.move("SKU-1", 4, "A-01", "A-02"), HttpStatus.OK);
        api.post("warehouse", wh + "/W2/moves", InventoryApiTest.move("SKU-1", 2, "B-01", "B-02"), HttpStatus.OK);
        api.post("warehouse", wh + "/W1/moves", InventoryApiTest.move("SKU-2", 5, "A-02", "A-01"), HttpStatus.OK);
        count("W1", "SKU-1", "A-02", 3);
        count("W1", "SKU-2", "A-01", 5);
        count("W2", "SKU-1", "B-02", 6);
        count("W1", "SKU-3", "A-03", 2);
        api.post("warehouse", wh + "/W1/receipts", InventoryApiTest.receipt("R3", "SKU-2", 1, "A-02"),
                HttpStatus.CREATED);
        api.post("admin", wh + "/W1/moves", InventoryApiTest.move("SKU-1", 3, "A-03", "A-01"), HttpStatus.OK);
        count("W1", "SKU-1", "A-03", 1);
        count("W1", "SKU-3", "A-03", 0);
        api.post("warehouse", wh + "/W2/moves", InventoryApiTest.move("SKU-1", 6, "B-02", "B-01"), HttpStatus.OK);
        fulfil();
    }

    /** An order of 3 SKU-P picked short (2 found), packed and shipped, through the API. */
    private static void fulfil() {
        api.post("warehouse", "/api/warehouses/W1/workers", "{\"workerId\":\"K1\",\"name\":\"Kim\"}",
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/W1/receipts", InventoryApiTest.receipt("R-P", "SKU-P", 10, "A-01"),
                HttpStatus.CREATED);
        api.post("channel", "/api/orders", OrderJson.order("web", "P-1", "C-P", "SKU-P", 3).put("orderId", "O-P")
                .toString(), HttpStatus.CREATED);
        JsonNode task = api.post("warehouse", "/api/warehouses/W1/tasks/next", "{\"workerId\":\"K1\"}",
                HttpStatus.OK).json();
        assertThat(task.path("taskId").asText()).isEqualTo(SP + ".1");
        api.post("warehouse", "/api/tasks/" + SP + ".1/confirm", "{\"workerId\":\"K1\",\"location\":\"A-01\","
                + "\"quantity\":2}", HttpStatus.OK);
        api.post("warehouse", "/api/shipments/" + SP + "/pack", "{\"cartons\":[{\"cartonId\":\"C-P\","
                + "\"weightGrams\":500,\"lines\":[{\"sku\":\"SKU-P\",\"quantity\":2}]}]}", HttpStatus.OK);
        api.post("warehouse", "/api/shipments/" + SP + "/ship", "{\"carrier\":\"UPS\",\"trackingNumber\":"
                + "\"T-P\"}", HttpStatus.OK);
        api.post("agent", "/api/orders/O-P/returns", "{\"rmaId\":\"RMA-P\",\"lines\":[{\"sku\":\"SKU-P\","
                + "\"quantity\":1}],\"reason\":\"too big\",\"resolution\":\"REFUND\"}", HttpStatus.CREATED);
        api.post("warehouse", "/api/returns/RMA-P/receipt", "{\"warehouseId\":\"W1\",\"lines\":[{\"sku\":"
                + "\"SKU-P\",\"quantity\":1,\"condition\":\"SELLABLE\",\"location\":\"A-01\"}]}", HttpStatus.OK);
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
     * picked figure (recomputed from the picks kept per task: adding a redelivered pick would count it twice).
     */
    private static void fulfillmentCanaries() {
        mongo.remove(Query.query(where("_id").is(SP + ".1")), TaskDocument.class);
        mongo.remove(Query.query(where("_id").is(SP + ".1")), LaborDocument.class);
        mongo.remove(Query.query(where("_id").is(SP)), ShipmentDocument.class);
        mongo.remove(Query.query(where("_id").is("RMA-P")), ReturnDocument.class);
        mongo.updateFirst(Query.query(where("_id").is("O-P")), Update.update("lines.0.picked", 999),
                OrderDocument.class);
    }

    private static void count(String warehouse, String sku, String location, long counted) {
        api.post("warehouse", "/api/warehouses/" + warehouse + "/counts",
                "{\"sku\":\"%s\",\"location\":\"%s\",\"countedQuantity\":%d}".formatted(sku, location, counted),
                HttpStatus.OK);
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

    /** Every read-model answer there is for this history, once both read models have caught up with the head. */
    private static Map<String, String> readModels() {
        long head = api.head();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/api/inventory/SKU-1", "/api/inventory/SKU-2", "/api/inventory/SKU-3",
                "/api/inventory?size=500", "/api/inventory?warehouseId=W2&size=500",
                "/api/inventory?maxAvailable=5&size=500", "/api/inventory/SKU-1/movements?size=500",
                "/api/inventory/SKU-2/movements?size=500", "/api/inventory/SKU-3/movements?size=500",
                "/api/inventory/SKU-1/movements?format=csv", "/api/inventory/SKU-1/movements?warehouseId=W2",
                "/api/inventory/SKU-P", "/api/inventory/SKU-P/movements?size=500", "/api/orders/O-P",
                "/api/orders/O-P/history?size=500", "/api/orders?size=500", "/api/backorders", "/api/tasks?size=500",
                "/api/tasks/" + SP + ".1", "/api/shipments/" + SP, "/api/returns/RMA-P",
                "/api/kpis/labor?size=500&" + WINDOW, "/api/kpis?" + WINDOW, "/api/kpis?warehouseId=W1&" + WINDOW,
                "/api/kpis?warehouseId=W2&" + WINDOW)) {
            String separator = path.contains("?") ? "&" : "?";
            answers.put(path, api.get("auditor", path + separator + "minPosition=" + head, HttpStatus.OK).text());
        }
        // The audit checkpoints, which no answer shows as they are (as-of waits until they have seen the head).
        api.get("auditor", "/api/inventory/SKU-1/as-of?at=" + Instant.now(), HttpStatus.OK);
        Query byId = new Query().with(Sort.by("_id"));
        answers.put(StockCheckpoints.COLLECTION, mongo.find(byId, StockCheckpoints.class).toString());
        answers.put(EarlierCheckpoint.COLLECTION, mongo.find(byId, EarlierCheckpoint.class).toString());
        return answers;
    }
}
