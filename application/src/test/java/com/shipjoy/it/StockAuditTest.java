package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shipjoy.projections.audit.EarlierCheckpoint;
import com.shipjoy.projections.inventory.InventoryDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;

/**
 * As-of and the consistency audit (issue 12) through HTTP, with an audit checkpoint every 5 sequence numbers so that
 * a short stream already starts from checkpoints.
 */
class StockAuditTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.audit.checkpoint-interval=5");
    static final Api api = system.api();

    StockAuditTest() {
        super(api);
    }

    @BeforeAll
    static void warehouses() {
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("W1", "One", "A-01", "A-02"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("W2", "Two", "B-01"), HttpStatus.CREATED);
    }

    @Test
    void asOfAtSeveralInstantsEqualsTheLevelsObservedThenAndZerosBeforeTheFirstEvent() {
        Instant beforeFirst = Instant.now();
        Map<Instant, JsonNode> observed = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            long position = givenStock(i % 3 == 2 ? "W2" : "W1", "ASOF", 3 + i, i % 3 == 2 ? "B-01" : "A-01");
            observed.put(Instant.now(), asObserved(position));
            position = api.post("warehouse", "/api/warehouses/W1/moves", InventoryApiTest.move("ASOF", 1, "A-01",
                    "A-02"), HttpStatus.OK).position();
            observed.put(Instant.now(), asObserved(position));
            if (i == 5) {
                position = whenPlaced("asof-1", "ASOF", 4).position();
                observed.put(Instant.now(), asObserved(position));
                position = api.post("warehouse", "/api/warehouses/W1/counts", "{\"sku\":\"ASOF\",\"location\":"
                        + "\"A-02\",\"countedQuantity\":2}", HttpStatus.OK).position();
                observed.put(Instant.now(), asObserved(position));
            }
        }

        JsonNode zeros = asOf("ASOF", beforeFirst, "");
        assertThat(zeros.path("onHand").asLong() + zeros.path("reserved").asLong()).isZero();
        assertThat(zeros.path("warehouses")).isEmpty();
        assertThat(zeros.path("eventsReplayed").asLong()).isZero();
        for (Map.Entry<Instant, JsonNode> instant : observed.entrySet()) {
            JsonNode asOf = asOf("ASOF", instant.getKey(), "");
            assertThat(withoutReplayed(asOf)).as("as of %s", instant.getKey()).isEqualTo(instant.getValue());
            assertThat(withoutReplayed(asOf("ASOF", instant.getKey(), "&fromFirstEvent=true")))
                    .isEqualTo(instant.getValue());
        }
        JsonNode last = asOf("ASOF", Instant.now(), "");
        assertThat(last.path("eventsReplayed").asLong())
                .isEqualTo(InventoryApiTest.items(api.read("auditor", "/api/inventory/ASOF/movements?size=500",
                        api.head())).size());
        api.get("auditor", "/api/inventory/ASOF/as-of?at=" + Instant.now() + "&fromFirstEvent=maybe",
                HttpStatus.BAD_REQUEST).problem();
        JsonNode w2 = asOf("ASOF", Instant.now(), "&warehouseId=W2");
        assertThat(w2.path("warehouses")).extracting(warehouse -> warehouse.path("warehouseId").asText())
                .containsExactly("W2");
    }

    @Test
    void asOfStartsFromTheNewestCheckpointAndFromFirstEventReadsTheWholeStream() {
        List<Instant> received = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < 9; i++) {
            position = givenStock("W1", "CHECK", 1, "A-01");
            received.add(Instant.now());
        }
        api.read("auditor", "/api/inventory/CHECK", position);
        MongoTemplate mongo = system.app().bean(MongoTemplate.class);
        // The receipts are the Stock's events 0..8: the checkpoint at 5 holds 6 units. Make it say 106.
        Query checkpoint = Query.query(where("_id").is(EarlierCheckpoint.id("W1:CHECK", 5)));
        assertThat(mongo.exists(checkpoint, EarlierCheckpoint.class)).isTrue();
        mongo.updateFirst(checkpoint, Update.update("checkpoint.locations.0.quantity", 106), EarlierCheckpoint.class);
        try {
            Instant now = Instant.now();
            // The current checkpoint (9 units) is newer than an instant between the receipts; so the earlier one.
            assertThat(asOf("CHECK", now, "").path("onHand").asLong()).isEqualTo(9);
            Instant middle = received.get(6);
            assertThat(asOf("CHECK", middle, "").path("onHand").asLong()).isEqualTo(107);
            assertThat(asOf("CHECK", middle, "&fromFirstEvent=true").path("onHand").asLong()).isEqualTo(7);
        } finally {
            mongo.updateFirst(checkpoint, Update.update("checkpoint.locations.0.quantity", 6),
                    EarlierCheckpoint.class);
        }
    }

    @Test
    void noMismatchAfterABusyScenario() {
        givenWarehouse("W3", "ann", "C-01", "C-02");
        givenStock("W3", "BUSY", 10, "C-01");
        givenStock("W1", "BUSY", 4, "A-01");
        String orderId = whenPlaced("busy-1", "BUSY", 3).orderId();
        whenPlaced("busy-2", "BUSY", 20);
        api.post("warehouse", "/api/warehouses/W3/counts", "{\"sku\":\"BUSY\",\"location\":\"C-01\","
                + "\"countedQuantity\":8}", HttpStatus.OK);
        long position = whenCancelled(orderId, "changed their mind");
        for (int i = 0; i < 12; i++) {
            position = api.post("warehouse", "/api/warehouses/W3/moves", InventoryApiTest.move("BUSY", 1,
                    i % 2 == 0 ? "C-01" : "C-02", i % 2 == 0 ? "C-02" : "C-01"), HttpStatus.OK).position();
        }
        JsonNode audit = api.read("auditor", "/api/audit/inventory-consistency", position);
        assertThat(audit.path("mismatches")).as(audit.toString()).isEmpty();
        assertThat(audit.path("checked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(api.read("auditor", "/api/audit/inventory-consistency?fromFirstEvent=true", position)
                .path("mismatches")).isEmpty();
    }

    @Test
    void aReadModelLevelAlteredOnPurposeIsAMismatch() {
        givenStock("W1", "ALTER", 5, "A-01");
        long position = givenStock("W2", "ALTER", 2, "B-01");
        api.read("auditor", "/api/inventory/ALTER", position);
        MongoTemplate mongo = system.app().bean(MongoTemplate.class);
        InventoryDocument original = mongo.findById("ALTER", InventoryDocument.class);
        mongo.updateFirst(Query.query(where("_id").is("ALTER")), new Update().set("warehouses.0.onHand", 6)
                .set("warehouses.0.locations.0.quantity", 6), InventoryDocument.class);
        try {
            JsonNode mismatches = api.read("auditor", "/api/audit/inventory-consistency", position)
                    .path("mismatches");
            assertThat(mismatches).hasSize(1);
            assertThat(mismatches.path(0).path("sku").asText()).isEqualTo("ALTER");
            assertThat(mismatches.path(0).path("warehouseId").asText()).isEqualTo("W1");
            assertThat(mismatches.path(0).path("readModel").path("onHand").asLong()).isEqualTo(6);
            assertThat(mismatches.path(0).path("eventSourced").path("onHand").asLong()).isEqualTo(5);
            assertThat(mismatches.path(0).path("eventSourced").path("locations").path("A-01").asLong()).isEqualTo(5);

            // A level the read model lost is one too.
            mongo.remove(Query.query(where("_id").is("ALTER")), InventoryDocument.class);
            mismatches = api.read("auditor", "/api/audit/inventory-consistency", position).path("mismatches");
            assertThat(mismatches).extracting(mismatch -> mismatch.path("warehouseId").asText() + " "
                    + mismatch.path("readModel").path("onHand").isMissingNode() + " "
                    + mismatch.path("eventSourced").path("onHand"))
                    .containsExactly("W1 true 5", "W2 true 2");
        } finally {
            mongo.save(original);
        }
        assertThat(api.read("auditor", "/api/audit/inventory-consistency", position).path("mismatches")).isEmpty();
    }

    @Test
    void noFalseMismatchWhileWritesGoOn() throws Exception {
        List<String> skus = List.of("LIVE-1", "LIVE-2", "LIVE-3", "LIVE-4");
        for (String sku : skus) {
            givenStock("W1", sku, 1_000, "A-01");
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(skus.size());
        List<Future<Integer>> written = new ArrayList<>();
        for (String sku : skus) {
            written.add(writers.submit(() -> {
                int moves = 0;
                while (!stop.get()) {
                    boolean there = moves % 2 == 0;
                    api.post("warehouse", "/api/warehouses/W1/moves", InventoryApiTest.move(sku, 1,
                            there ? "A-01" : "A-02", there ? "A-02" : "A-01"), HttpStatus.OK);
                    moves++;
                }
                return moves;
            }));
        }
        try {
            for (int audit = 0; audit < 15; audit++) {
                JsonNode answer = api.get("auditor", "/api/audit/inventory-consistency", HttpStatus.OK).json();
                assertThat(answer.path("mismatches")).as("audit %d while writing: %s", audit, answer).isEmpty();
            }
        } finally {
            stop.set(true);
            writers.shutdown();
        }
        for (Future<Integer> moves : written) {
            assertThat(moves.get()).isPositive();
        }
        assertConsistent(api.head());
    }

    /** The level as GET /api/inventory/{sku} shows it once the read model reached {@code position}. */
    private static JsonNode asObserved(long position) {
        return api.read("auditor", "/api/inventory/ASOF", position);
    }

    private static JsonNode asOf(String sku, Instant at, String more) {
        return api.get("auditor", "/api/inventory/" + sku + "/as-of?at=" + at + more, HttpStatus.OK).json();
    }

    private static JsonNode withoutReplayed(JsonNode asOf) {
        ObjectNode copy = asOf.deepCopy();
        copy.remove("eventsReplayed");
        return copy;
    }
}
