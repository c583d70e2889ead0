package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Contract §1: data survives a restart and a kill -9. Every command answered 2xx must be in the event store
 * afterwards, and every read model must equal what the event store gives.
 */
class DurabilityTest {

    private static final int CLIENTS = 6;
    private static final int ACKS_BEFORE_KILL = 150;

    @Test
    void answeredCommandsSurviveKillMinus9AndReadModelsMatchTheEventStore() throws Exception {
        Path dataDir = Files.createTempDirectory("shipjoy-kill-");
        Map<String, Long> receivedBySku = new ConcurrentHashMap<>();
        Map<String, Boolean> movedBySku = new ConcurrentHashMap<>();
        try (ChildServer server = ChildServer.start(dataDir)) {
            assertThat(server.post("/api/warehouses",
                    "{\"warehouseId\":\"WH1\",\"name\":\"Main\",\"locations\":[\"A-01\",\"A-02\"]}")).isEqualTo(201);

            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                clients.submit(() -> burst(server, clientNo, killed, receivedBySku, movedBySku));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (receivedBySku.size() + movedBySku.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            server.process().destroyForcibly(); // SIGKILL, while the clients are still sending
            killed.set(true);
            server.process().waitFor(30, TimeUnit.SECONDS);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(receivedBySku.size()).as("receipts acknowledged before the kill").isGreaterThan(20);

        try (EmbeddedApp app = EmbeddedApp.start(dataDir)) {
            Api api = new Api(app);
            long head = api.head();
            for (Map.Entry<String, Long> receipt : receivedBySku.entrySet()) {
                JsonNode level = api.read("auditor", "/api/inventory/" + receipt.getKey(), head);
                assertThat(level.path("onHand").asLong()).as("on hand of %s", receipt.getKey())
                        .isEqualTo(receipt.getValue());
                if (movedBySku.containsKey(receipt.getKey())) {
                    JsonNode locations = level.path("warehouses").path(0).path("locations");
                    assertThat(locations.toString()).as("moved unit of %s", receipt.getKey())
                            .contains("{\"location\":\"A-02\",\"quantity\":1}");
                }
            }
            // Every move sent again with its key: an answered one is repeated, never applied twice.
            for (String sku : receivedBySku.keySet()) {
                Api.Response retry = api.postWithKey("warehouse", "/api/warehouses/WH1/moves", move(sku), "move-" + sku);
                if (movedBySku.containsKey(sku)) {
                    assertThat(retry.status()).as("retried move of %s", sku).isEqualTo(200);
                    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
                }
            }
            head = api.head();
            for (String sku : receivedBySku.keySet()) {
                JsonNode locations = api.read("auditor", "/api/inventory/" + sku, head)
                        .path("warehouses").path(0).path("locations");
                assertThat(locations.toString()).as("one moved unit of %s", sku)
                        .contains("{\"location\":\"A-02\",\"quantity\":1}");
            }
            JsonNode audit = api.read("auditor", "/api/audit/inventory-consistency", head);
            assertThat(audit.path("mismatches").size()).as(audit.toString()).isZero();
            assertThat(audit.path("checked").asLong()).isGreaterThanOrEqualTo(receivedBySku.size());
            assertLedgerMatchesEventStore(api, head, receivedBySku.keySet());
            assertStreamResumesToTheReadModel(app, api, receivedBySku.keySet());
        }
    }

    /**
     * The inventory stream resumed from the beginning replays the change log the killed process and its successor
     * wrote: positions in order, none twice, and each sku's last change is its level now.
     */
    private static void assertStreamResumesToTheReadModel(EmbeddedApp app, Api api, Iterable<String> skus) {
        Map<String, JsonNode> lastChange = new HashMap<>();
        try (SseClient stream = SseClient.resume(app, "auditor", "/api/streams/inventory", 0)) {
            long previous = 0;
            for (SseClient.Event change = stream.next(); change != null;
                 change = stream.poll(Duration.ofSeconds(1))) {
                assertThat(change.event()).isEqualTo("inventory");
                assertThat(change.id()).isGreaterThan(previous);
                previous = change.id();
                lastChange.put(change.data().path("sku").asText(), change.data());
            }
        }
        for (String sku : skus) {
            assertThat(lastChange.get(sku)).as("last change of %s", sku)
                    .isEqualTo(api.get("auditor", "/api/inventory/" + sku, HttpStatus.OK).json());
        }
    }

    @Test
    void aRestartKeepsEventsReadModelsAndAGapFreePosition() {
        try (EmbeddedApp app = EmbeddedApp.start()) {
            Api api = new Api(app);
            api.post("warehouse", "/api/warehouses", """
                    {"warehouseId":"WH1","name":"Main","locations":["A-01","A-02"]}""", HttpStatus.CREATED);
            api.post("warehouse", "/api/warehouses/WH1/receipts", """
                    {"receiptId":"R1","reference":"PO-1","lines":[{"sku":"SKU-1","quantity":5,"location":"A-01"}]}""",
                    HttpStatus.CREATED);
            long before = api.post("warehouse", "/api/warehouses/WH1/moves", """
                    {"sku":"SKU-1","quantity":2,"from":"A-01","to":"A-02"}""", HttpStatus.OK).position();
            JsonNode level = api.read("agent", "/api/inventory/SKU-1", before);
            JsonNode ledger = api.read("auditor", "/api/inventory/SKU-1/movements", before);

            app.restart();

            assertThat(api.head()).isEqualTo(before);
            assertThat(api.read("agent", "/api/inventory/SKU-1", before)).isEqualTo(level);
            assertThat(api.read("auditor", "/api/inventory/SKU-1/movements", before)).isEqualTo(ledger);
            // The receipt is still known: repeating it stores nothing.
            api.post("warehouse", "/api/warehouses/WH1/receipts", """
                    {"receiptId":"R1","reference":"PO-1","lines":[{"sku":"SKU-1","quantity":5,"location":"A-01"}]}""",
                    HttpStatus.OK);
            long after = api.post("warehouse", "/api/warehouses/WH1/moves", """
                    {"sku":"SKU-1","quantity":1,"from":"A-02","to":"A-01"}""", HttpStatus.OK).position();
            assertThat(after).as("one new event, numbered right after the old ones").isEqualTo(before + 1);
        }
    }

    /** Each sku's ledger has one entry per stock event, and its last entry shows the current on-hand. */
    private static void assertLedgerMatchesEventStore(Api api, long head, Iterable<String> skus) {
        for (String sku : skus) {
            JsonNode asOf = api.read("auditor", "/api/inventory/" + sku + "/as-of?at=2999-01-01T00:00:00Z", head);
            JsonNode ledger = api.read("auditor", "/api/inventory/" + sku + "/movements?size=500", head);
            assertThat(ledger.path("total").asLong()).as("ledger entries of %s", sku)
                    .isEqualTo(asOf.path("eventsReplayed").asLong());
            JsonNode items = ledger.path("items");
            assertThat(items.get(items.size() - 1).path("onHandAfter").asLong()).isEqualTo(asOf.path("onHand").asLong());
        }
    }

    /** Receipts of new skus, each followed by a move of one unit; records what was answered 2xx. */
    private static void burst(ChildServer server, int clientNo, AtomicBoolean killed, Map<String, Long> received,
                              Map<String, Boolean> moved) {
        for (int i = 0; !killed.get(); i++) {
            String sku = "K" + clientNo + "-" + i;
            long quantity = i % 5 + 2;
            try {
                int status = server.post("/api/warehouses/WH1/receipts", "{\"receiptId\":\"R-" + sku
                        + "\",\"reference\":\"burst\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                        + ",\"location\":\"A-01\"}]}");
                if (status != 201) {
                    continue;
                }
                received.put(sku, quantity);
                if (server.post("/api/warehouses/WH1/moves", move(sku), "move-" + sku) == 200) {
                    moved.put(sku, true);
                }
            } catch (IOException | InterruptedException e) {
                return; // the server is gone
            }
        }
    }

    private static String move(String sku) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":1,\"from\":\"A-01\",\"to\":\"A-02\"}";
    }
}
