package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The inventory capability over HTTP, as a warehouse user, an auditor or a dashboard sees it: warehouses, workers,
 * receipts, moves, cycle counts, levels, the stock ledger, read-your-writes and who may do what.
 * Every test works on warehouses and skus of its own, so the tests share one running system without depending on
 * each other.
 */
class InventoryApiTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String CSV_HEADER = "position,timestamp,warehouseId,type,quantity,location,toLocation,"
            + "reference,onHandAfter,reservedAfter,actor";

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    @BeforeAll
    static void start() {
        // Stock every role test can read.
        api.post("warehouse", "/api/warehouses", warehouse("WP-1", "Roles", "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WP-1/receipts", receipt("RP-1", "SKU-P", 5, "A-01"),
                HttpStatus.CREATED);
    }

    // ---------------------------------------------------------------- warehouses, locations, workers

    @Test
    void registeringAWarehouseTwiceIsIdempotentAndOtherContentConflicts() {
        Api.Response created = api.post("warehouse", "/api/warehouses", warehouse("WR-1", "Main", "A-01", "A-02"),
                HttpStatus.CREATED);
        assertThat(created.json().path("warehouseId").asText()).isEqualTo("WR-1");
        long head = api.head();
        assertThat(created.position()).isEqualTo(head);

        Api.Response repeat = api.post("warehouse", "/api/warehouses", warehouse("WR-1", "Main", "A-01", "A-02"),
                HttpStatus.OK);
        assertThat(repeat.json()).isEqualTo(created.json());
        assertThat(repeat.position()).as("a repeat answers the current head").isEqualTo(head);
        // The same set of locations, in another order and with a repeat, is the same content.
        assertThat(api.post("admin", "/api/warehouses", warehouse("WR-1", "Main", "A-02", "A-01", "A-02"),
                HttpStatus.OK).position()).isEqualTo(head);
        assertThat(api.head()).as("nothing stored by the repeats").isEqualTo(head);

        for (String conflicting : List.of(warehouse("WR-1", "Other name", "A-01", "A-02"),
                warehouse("WR-1", "Main", "A-01"), warehouse("WR-1", "Main", "A-01", "A-02", "A-03"))) {
            JsonNode problem = api.post("warehouse", "/api/warehouses", conflicting, HttpStatus.CONFLICT).problem();
            assertThat(problem.path("detail").asText()).contains("WR-1");
        }
        assertThat(api.head()).as("nothing stored by the conflicts").isEqualTo(head);
        // The original registration still holds: A-03 was not added by the refused request.
        api.post("warehouse", "/api/warehouses/WR-1/receipts", receipt(null, "SKU-WR", 1, "A-03"),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void addedLocationsCanReceiveAndAddingKnownOnesStoresNothing() {
        api.post("warehouse", "/api/warehouses", warehouse("WL-1", "Locations", "A-01"), HttpStatus.CREATED);
        assertField(api.post("warehouse", "/api/warehouses/WL-1/receipts", receipt(null, "SKU-WL", 2, "B-01"),
                HttpStatus.BAD_REQUEST).problem(), "lines[0].location");

        Api.Response added = api.post("warehouse", "/api/warehouses/WL-1/locations",
                "{\"locations\":[\"B-01\",\"B-02\"]}", HttpStatus.OK);
        assertThat(added.position()).isEqualTo(api.head());
        long position = api.post("warehouse", "/api/warehouses/WL-1/receipts", receipt(null, "SKU-WL", 2, "B-01"),
                HttpStatus.CREATED).position();
        assertThat(locations(level("SKU-WL", position), "WL-1")).isEqualTo(Map.of("B-01", 2L));

        long head = api.head();
        assertThat(api.post("warehouse", "/api/warehouses/WL-1/locations", "{\"locations\":[\"B-01\",\"A-01\"]}",
                HttpStatus.OK).position()).isEqualTo(head);
        assertThat(api.head()).as("known locations are not stored again").isEqualTo(head);

        api.post("warehouse", "/api/warehouses/WL-NONE/locations", "{\"locations\":[\"B-01\"]}",
                HttpStatus.NOT_FOUND).problem();
        assertThat(api.head()).isEqualTo(head);
    }

    @Test
    void workersRegisterOncePerWarehouse() {
        api.post("warehouse", "/api/warehouses", warehouse("WK-1", "Workers", "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WK-2", "Workers too", "A-01"), HttpStatus.CREATED);

        Api.Response created = api.post("warehouse", "/api/warehouses/WK-1/workers",
                "{\"workerId\":\"ANN\",\"name\":\"Ann\"}", HttpStatus.CREATED);
        assertThat(created.json().path("workerId").asText()).isEqualTo("ANN");
        assertThat(created.json().path("warehouseId").asText()).isEqualTo("WK-1");
        long head = api.head();
        assertThat(created.position()).isEqualTo(head);

        Api.Response repeat = api.post("warehouse", "/api/warehouses/WK-1/workers",
                "{\"workerId\":\"ANN\",\"name\":\"Ann\"}", HttpStatus.OK);
        assertThat(repeat.json()).isEqualTo(created.json());
        assertThat(repeat.position()).isEqualTo(head);
        assertThat(api.head()).isEqualTo(head);

        api.post("warehouse", "/api/warehouses/WK-1/workers", "{\"workerId\":\"ANN\",\"name\":\"Anna\"}",
                HttpStatus.CONFLICT).problem();
        api.post("warehouse", "/api/warehouses/WK-NONE/workers", "{\"workerId\":\"ANN\",\"name\":\"Ann\"}",
                HttpStatus.NOT_FOUND).problem();
        assertThat(api.head()).isEqualTo(head);

        // A worker may also work in another warehouse.
        api.post("warehouse", "/api/warehouses/WK-2/workers", "{\"workerId\":\"ANN\",\"name\":\"Ann\"}",
                HttpStatus.CREATED).position();
    }

    // ---------------------------------------------------------------- receipts

    @Test
    void aReceiptWithoutIdGetsAGeneratedOne() {
        api.post("warehouse", "/api/warehouses", warehouse("WN-1", "Generated", "A-01"), HttpStatus.CREATED);
        Api.Response first = api.post("warehouse", "/api/warehouses/WN-1/receipts", receipt(null, "SKU-N", 4, "A-01"),
                HttpStatus.CREATED);
        Api.Response second = api.post("warehouse", "/api/warehouses/WN-1/receipts",
                receipt(null, "SKU-N", 4, "A-01"), HttpStatus.CREATED);
        String firstId = first.json().path("receiptId").asText();
        assertThat(firstId).matches(UUID);
        assertThat(second.json().path("receiptId").asText()).matches(UUID).isNotEqualTo(firstId);

        // Without an id, the same content twice is two receipts.
        assertThat(level("SKU-N", second.position()).path("onHand").asLong()).isEqualTo(8);
        List<JsonNode> ledger = items(ledger("SKU-N", second.position(), ""));
        assertThat(ledger).extracting(entry -> entry.path("reference").asText())
                .containsExactly(firstId, second.json().path("receiptId").asText());
    }

    @Test
    void aRepeatedReceiptIsIdempotentAndOtherContentConflicts() {
        api.post("warehouse", "/api/warehouses", warehouse("WI-1", "Idempotent", "A-01", "A-02"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WI-2", "Other", "A-01", "A-02"), HttpStatus.CREATED);
        String body = """
                {"receiptId":"RI-1","reference":"PO-77","lines":[
                  {"sku":"SKU-I","quantity":5,"location":"A-01"},
                  {"sku":"SKU-I","quantity":3,"location":"A-02"}]}""";
        Api.Response created = api.post("warehouse", "/api/warehouses/WI-1/receipts", body, HttpStatus.CREATED);
        assertThat(created.json().path("receiptId").asText()).isEqualTo("RI-1");
        long head = api.head();
        assertThat(created.position()).isEqualTo(head);
        JsonNode level = level("SKU-I", head);
        assertThat(level.path("onHand").asLong()).isEqualTo(8);

        Api.Response repeat = api.post("warehouse", "/api/warehouses/WI-1/receipts", body, HttpStatus.OK);
        assertThat(repeat.json()).isEqualTo(created.json());
        assertThat(repeat.position()).isEqualTo(head);
        assertThat(api.head()).as("a repeated receipt stores nothing").isEqualTo(head);
        assertThat(level("SKU-I", head)).as("stock is not doubled").isEqualTo(level);

        for (String conflicting : List.of(body.replace("\"quantity\":5", "\"quantity\":6"),
                body.replace("PO-77", "PO-78"), body.replace("\"A-02\"", "\"A-01\""),
                receipt("RI-1", "SKU-I", 5, "A-01"))) {
            api.post("warehouse", "/api/warehouses/WI-1/receipts", conflicting, HttpStatus.CONFLICT).problem();
        }
        api.post("warehouse", "/api/warehouses/WI-2/receipts", body, HttpStatus.CONFLICT).problem();
        assertThat(api.head()).isEqualTo(head);
        assertThat(level("SKU-I", head)).isEqualTo(level);
        assertThat(items(ledger("SKU-I", head, ""))).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.path("reference").asText()).isEqualTo("RI-1"));
    }

    @Test
    void aReceiptIntoAnUnknownLocationIsRefusedWholeAndLeavesItsIdFree() {
        api.post("warehouse", "/api/warehouses", warehouse("WU-1", "Unknown location", "A-01"), HttpStatus.CREATED);
        long head = api.head();
        String secondLineUnknown = """
                {"receiptId":"RU-1","reference":"PO-1","lines":[
                  {"sku":"SKU-U","quantity":5,"location":"A-01"},
                  {"sku":"SKU-U2","quantity":3,"location":"Z-99"}]}""";
        JsonNode problem = api.post("warehouse", "/api/warehouses/WU-1/receipts", secondLineUnknown,
                HttpStatus.BAD_REQUEST).problem();
        assertField(problem, "lines[1].location");
        assertField(api.post("warehouse", "/api/warehouses/WU-1/receipts", receipt("RU-1", "SKU-U", 5, "Z-99"),
                HttpStatus.BAD_REQUEST).problem(), "lines[0].location");
        // OUTBOUND exists in every warehouse, but goods are received into bins.
        assertField(api.post("warehouse", "/api/warehouses/WU-1/receipts", receipt("RU-1", "SKU-U", 5, "OUTBOUND"),
                HttpStatus.BAD_REQUEST).problem(), "lines[0].location");
        assertThat(api.head()).as("no line of a refused receipt is stored").isEqualTo(head);
        api.get("agent", "/api/inventory/SKU-U?minPosition=" + head, HttpStatus.NOT_FOUND).problem();

        long position = api.post("warehouse", "/api/warehouses/WU-1/receipts", receipt("RU-1", "SKU-U", 5, "A-01"),
                HttpStatus.CREATED).position();
        assertThat(level("SKU-U", position).path("onHand").asLong()).isEqualTo(5);
    }

    @Test
    void aReceiptIntoAnUnknownWarehouseIsNotFound() {
        long head = api.head();
        api.post("warehouse", "/api/warehouses/WH-NOWHERE/receipts", receipt("RX-9", "SKU-X", 5, "A-01"),
                HttpStatus.NOT_FOUND).problem();
        assertThat(api.head()).isEqualTo(head);
    }

    @Test
    void idsOfDifferentKindsDoNotCollide() {
        // A receipt may carry the same code as a warehouse, and a warehouse the code of an earlier receipt.
        api.post("warehouse", "/api/warehouses", warehouse("SAME-1", "Shared code", "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/SAME-1/receipts", receipt("SAME-1", "SKU-SAME", 2, "A-01"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/SAME-1/receipts", receipt("SAME-2", "SKU-SAME", 3, "A-01"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("SAME-2", "Named like a receipt", "B-01"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/SAME-1/locations", "{\"locations\":[\"A-02\"]}", HttpStatus.OK);
        api.post("warehouse", "/api/warehouses/SAME-2/receipts", receipt("SAME-3", "SKU-SAME", 4, "B-01"),
                HttpStatus.CREATED);
        long head = api.head();
        api.post("warehouse", "/api/warehouses", warehouse("SAME-1", "Shared code", "A-01"), HttpStatus.OK);
        api.post("warehouse", "/api/warehouses", warehouse("SAME-2", "Named like a receipt", "B-01"), HttpStatus.OK);
        api.post("warehouse", "/api/warehouses/SAME-1/receipts", receipt("SAME-1", "SKU-SAME", 2, "A-01"),
                HttpStatus.OK);
        api.post("warehouse", "/api/warehouses/SAME-1/receipts", receipt("SAME-2", "SKU-SAME", 3, "A-01"),
                HttpStatus.OK);
        assertThat(api.head()).isEqualTo(head);
        JsonNode level = level("SKU-SAME", head);
        assertThat(level.path("onHand").asLong()).isEqualTo(9);
        assertThat(locations(level, "SAME-1")).isEqualTo(Map.of("A-01", 5L));
        assertThat(locations(level, "SAME-2")).isEqualTo(Map.of("B-01", 4L));
    }

    @Test
    void racingRepeatsAreStoredOnceAndRacingMovesNeverOverdraw() throws Exception {
        String warehouse = warehouse("WQ-1", "Racing", "A-01", "A-02");
        List<Integer> registered = race(6, () -> api.send("warehouse", HttpMethod.POST, "/api/warehouses",
                MediaType.APPLICATION_JSON, warehouse).status());
        assertThat(registered).as("one registration, the others repeats").containsOnly(200, 201)
                .filteredOn(status -> status == 201).hasSize(1);

        String receipt = receipt("RQ-1", "SKU-Q", 10, "A-01");
        List<Integer> received = race(6, () -> api.send("warehouse", HttpMethod.POST, "/api/warehouses/WQ-1/receipts",
                MediaType.APPLICATION_JSON, receipt).status());
        assertThat(received).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
        assertThat(level("SKU-Q", api.head()).path("onHand").asLong()).as("received once").isEqualTo(10);

        // 10 in A-01, six clients move 3 each at once: three can, three must be refused.
        List<Integer> moved = race(6, () -> api.send("warehouse", HttpMethod.POST, "/api/warehouses/WQ-1/moves",
                MediaType.APPLICATION_JSON, move("SKU-Q", 3, "A-01", "A-02")).status());
        assertThat(moved).containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(3);
        JsonNode level = level("SKU-Q", api.head());
        assertThat(locations(level, "WQ-1")).isEqualTo(Map.of("A-01", 1L, "A-02", 9L));
        assertThat(items(ledger("SKU-Q", api.head(), ""))).extracting(entry -> entry.path("type").asText())
                .containsExactly("RECEIVED", "MOVED", "MOVED", "MOVED");
    }

    /** Runs {@code clients} calls at once and answers their results. */
    static <T> List<T> race(int clients, java.util.concurrent.Callable<T> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<T>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<T> answers = new ArrayList<>();
            for (java.util.concurrent.Future<T> result : results) {
                answers.add(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- moves

    @Test
    void movesShiftStockBetweenLocationsExactly() {
        api.post("warehouse", "/api/warehouses", warehouse("WM-1", "Moves", "A-01", "A-02", "A-03"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WM-1/receipts", receipt("RM-1", "SKU-M", 10, "A-01"),
                HttpStatus.CREATED);

        Api.Response moved = api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 4, "A-01", "A-02"),
                HttpStatus.OK);
        assertThat(moved.position()).isEqualTo(api.head());
        JsonNode level = level("SKU-M", moved.position());
        assertThat(locations(level, "WM-1")).isEqualTo(Map.of("A-01", 6L, "A-02", 4L));
        assertThat(level.path("onHand").asLong()).isEqualTo(10);
        assertThat(level.path("available").asLong()).isEqualTo(10);

        long position = api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 6, "A-01", "A-03"),
                HttpStatus.OK).position();
        level = level("SKU-M", position);
        assertThat(locations(level, "WM-1")).isEqualTo(Map.of("A-02", 4L, "A-03", 6L));
        assertThat(level.path("onHand").asLong()).isEqualTo(10);

        long head = api.head();
        assertThat(api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 5, "A-02", "A-01"),
                HttpStatus.CONFLICT).problem().path("detail").asText()).contains("A-02");
        api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 1, "A-01", "A-02"), HttpStatus.CONFLICT)
                .problem();
        assertField(api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 1, "A-02", "A-02"),
                HttpStatus.BAD_REQUEST).problem(), "to");
        assertField(api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 1, "A-02", "Z-99"),
                HttpStatus.BAD_REQUEST).problem(), "to");
        assertField(api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 1, "Z-99", "A-02"),
                HttpStatus.BAD_REQUEST).problem(), "from");
        assertField(api.post("warehouse", "/api/warehouses/WM-1/moves", move("SKU-M", 1, "A-02", "OUTBOUND"),
                HttpStatus.BAD_REQUEST).problem(), "to");
        api.post("warehouse", "/api/warehouses/WM-NONE/moves", move("SKU-M", 1, "A-02", "A-01"),
                HttpStatus.NOT_FOUND).problem();
        // A sku this warehouse never held: nothing there to move.
        Api.Response never = api.send("warehouse", HttpMethod.POST, "/api/warehouses/WM-1/moves",
                MediaType.APPLICATION_JSON, move("SKU-NEVER", 1, "A-02", "A-01"));
        assertThat(never.status()).isIn(404, 409);
        never.problem();
        assertThat(api.head()).as("refused moves store nothing").isEqualTo(head);
        assertThat(level("SKU-M", head)).isEqualTo(level);
    }

    @Test
    void aBusySkuKeepsExactLevelsPastTheSnapshotThreshold() {
        api.post("warehouse", "/api/warehouses", warehouse("WB-1", "Busy", "A-01", "A-02"), HttpStatus.CREATED);
        // One put-away spread over two bins in 120 lines: 120 events on one stock, past the snapshot every 100.
        String lines = String.join(",", java.util.stream.IntStream.range(0, 120).mapToObj(i ->
                "{\"sku\":\"SKU-B\",\"quantity\":1,\"location\":\"A-0%d\"}".formatted(1 + i % 2)).toList());
        String busy = "{\"receiptId\":\"RB-1\",\"reference\":\"PO-1\",\"lines\":[" + lines + "]}";
        long received = api.post("warehouse", "/api/warehouses/WB-1/receipts", busy, HttpStatus.CREATED).position();
        assertThat(locations(level("SKU-B", received), "WB-1")).isEqualTo(Map.of("A-01", 60L, "A-02", 60L));

        // Later commands load the stock from the snapshot: it must hold the bins and the posted lines.
        api.post("warehouse", "/api/warehouses/WB-1/receipts", busy, HttpStatus.OK);
        assertThat(api.head()).as("the repeat posts no line again").isEqualTo(received);
        api.post("warehouse", "/api/warehouses/WB-1/moves", move("SKU-B", 61, "A-01", "A-02"), HttpStatus.CONFLICT);
        api.post("warehouse", "/api/warehouses/WB-1/moves", move("SKU-B", 10, "A-01", "A-02"), HttpStatus.OK);
        Api.Response counted = api.post("warehouse", "/api/warehouses/WB-1/counts",
                "{\"sku\":\"SKU-B\",\"location\":\"A-02\",\"countedQuantity\":69}", HttpStatus.OK);
        assertThat(counted.json().path("variance").asLong()).isEqualTo(-1);
        JsonNode level = level("SKU-B", counted.position());
        assertThat(locations(level, "WB-1")).isEqualTo(Map.of("A-01", 50L, "A-02", 69L));
        assertThat(level.path("onHand").asLong()).isEqualTo(119);
    }

    // ---------------------------------------------------------------- cycle counts

    @Test
    void cycleCountsAnswerTheVarianceAndAdjustOnHand() {
        api.post("warehouse", "/api/warehouses", warehouse("WC-1", "Counts", "A-01", "A-02"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WC-1/receipts", receipt("RC-1", "SKU-C", 10, "A-01"),
                HttpStatus.CREATED);

        /** Counting {@code counted} units at a bin, with the variance it answers and the sku's on-hand after it. */
        record Step(String location, long counted, long variance, long onHand) {

            static Step counting(String location, long counted) {
                return new Step(location, counted, 0, 0);
            }

            Step variance(long expected) {
                return new Step(location, counted, expected, onHand);
            }

            Step onHand(long expected) {
                return new Step(location, counted, variance, expected);
            }
        }
        List<Step> steps = List.of(Step.counting("A-01", 13).variance(3).onHand(13),
                Step.counting("A-01", 9).variance(-4).onHand(9), Step.counting("A-01", 9).variance(0).onHand(9),
                Step.counting("A-02", 2).variance(2).onHand(11), Step.counting("A-02", 0).variance(-2).onHand(9));
        List<String> countIds = new ArrayList<>();
        for (Step step : steps) {
            Api.Response counted = api.post("warehouse", "/api/warehouses/WC-1/counts", """
                    {"sku":"SKU-C","location":"%s","countedQuantity":%d,"reason":"cycle"}"""
                    .formatted(step.location(), step.counted()), HttpStatus.OK);
            assertThat(counted.json().path("variance").asLong()).as("variance of %s", step).isEqualTo(step.variance());
            assertThat(counted.position()).isEqualTo(api.head());
            countIds.add(counted.json().path("countId").asText());
            JsonNode level = level("SKU-C", counted.position());
            assertThat(level.path("onHand").asLong()).as("on-hand after %s", step).isEqualTo(step.onHand());
            assertThat(locations(level, "WC-1").getOrDefault(step.location(), 0L)).isEqualTo(step.counted());
        }

        List<JsonNode> ledger = items(ledger("SKU-C", api.head(), ""));
        assertThat(ledger).extracting(entry -> entry.path("type").asText())
                .as("a zero variance moves nothing, so it has no ledger entry")
                .containsExactly("RECEIVED", "ADJUSTED", "ADJUSTED", "ADJUSTED", "ADJUSTED");
        assertThat(ledger).extracting(entry -> entry.path("quantity").asLong()).containsExactly(10L, 3L, 4L, 2L, 2L);
        assertThat(ledger).extracting(entry -> entry.path("onHandAfter").asLong())
                .containsExactly(10L, 13L, 9L, 11L, 9L);
        assertThat(ledger).extracting(entry -> entry.path("location").asText())
                .containsExactly("A-01", "A-01", "A-01", "A-02", "A-02");
        assertThat(ledger.subList(1, 5)).extracting(entry -> entry.path("reference").asText())
                .containsExactly(countIds.get(0), countIds.get(1), countIds.get(3), countIds.get(4));

        long head = api.head();
        assertField(api.post("warehouse", "/api/warehouses/WC-1/counts",
                "{\"sku\":\"SKU-C\",\"location\":\"Z-99\",\"countedQuantity\":1}", HttpStatus.BAD_REQUEST).problem(),
                "location");
        assertField(api.post("warehouse", "/api/warehouses/WC-1/counts",
                "{\"sku\":\"SKU-C\",\"location\":\"OUTBOUND\",\"countedQuantity\":1}", HttpStatus.BAD_REQUEST)
                .problem(), "location");
        api.post("warehouse", "/api/warehouses/WC-NONE/counts",
                "{\"sku\":\"SKU-C\",\"location\":\"A-01\",\"countedQuantity\":1}", HttpStatus.NOT_FOUND).problem();
        assertThat(api.head()).isEqualTo(head);
    }

    // ---------------------------------------------------------------- levels

    @Test
    void levelsAddUpPerWarehouseAndAcrossWarehouses() {
        api.post("warehouse", "/api/warehouses", warehouse("WT-1", "North", "A-01", "A-02"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WT-2", "South", "B-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WT-1/receipts", """
                {"receiptId":"RT-1","reference":"PO-1","lines":[
                  {"sku":"SKU-T","quantity":5,"location":"A-01"},
                  {"sku":"SKU-T","quantity":7,"location":"A-02"},
                  {"sku":"SKU-T2","quantity":1,"location":"A-02"}]}""", HttpStatus.CREATED);
        long position = api.post("warehouse", "/api/warehouses/WT-2/receipts", receipt("RT-2", "SKU-T", 4, "B-01"),
                HttpStatus.CREATED).position();

        JsonNode level = level("SKU-T", position);
        assertThat(level.path("sku").asText()).isEqualTo("SKU-T");
        assertThat(level.path("onHand").asLong()).isEqualTo(16);
        assertThat(level.path("reserved").asLong()).isZero();
        assertThat(level.path("available").asLong()).isEqualTo(16);
        assertThat(level.path("warehouses")).extracting(warehouse -> warehouse.path("warehouseId").asText())
                .containsExactly("WT-1", "WT-2");
        assertThat(locations(level, "WT-1")).isEqualTo(Map.of("A-01", 5L, "A-02", 7L));
        assertThat(locations(level, "WT-2")).isEqualTo(Map.of("B-01", 4L));
        assertThat(level.path("warehouses").get(0).path("onHand").asLong()).isEqualTo(12);
        assertThat(level.path("warehouses").get(1).path("onHand").asLong()).isEqualTo(4);
        assertThat(level("SKU-T2", position).path("onHand").asLong()).isEqualTo(1);

        api.get("viewer", "/api/inventory/SKU-NEVER-STOCKED?minPosition=" + position, HttpStatus.NOT_FOUND)
                .problem();
    }

    @Test
    void lowStockListsSkusAtOrBelowTheThreshold() {
        api.post("warehouse", "/api/warehouses", warehouse("WS-1", "Low 1", "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WS-2", "Low 2", "B-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WS-1/receipts", receipt(null, "LOW-A", 2, "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WS-1/receipts", receipt(null, "LOW-B", 50, "A-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WS-1/receipts", receipt(null, "LOW-C", 100, "A-01"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WS-2/receipts", receipt(null, "LOW-C", 1, "B-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WS-1/receipts", receipt(null, "LOW-D", 3, "A-01"), HttpStatus.CREATED);
        long position = api.post("warehouse", "/api/warehouses/WS-1/counts",
                "{\"sku\":\"LOW-D\",\"location\":\"A-01\",\"countedQuantity\":0}", HttpStatus.OK).position();

        JsonNode low = api.read("viewer", "/api/inventory?maxAvailable=5&size=500", position);
        assertPage(low, 0, 500);
        assertThat(low.path("total").asLong()).isEqualTo(low.path("items").size());
        Map<String, JsonNode> lowSkus = bySku(low, "LOW-");
        assertThat(lowSkus.keySet()).containsExactly("LOW-A", "LOW-D");
        assertThat(lowSkus.get("LOW-A").path("available").asLong()).isEqualTo(2);
        assertThat(lowSkus.get("LOW-D").path("available").asLong()).isZero();
        assertThat(items(low)).allSatisfy(level -> assertThat(level.path("available").asLong()).isLessThanOrEqualTo(5));
        assertThat(items(low)).extracting(level -> level.path("sku").asText()).isSorted();

        assertThat(bySku(api.read("viewer", "/api/inventory?maxAvailable=0&size=500", position), "LOW-").keySet())
                .containsExactly("LOW-D");

        // Per warehouse: LOW-C is plentiful overall but low in WS-2; LOW-A was never stocked there.
        JsonNode lowInSouth = api.read("viewer", "/api/inventory?warehouseId=WS-2&maxAvailable=5&size=500", position);
        Map<String, JsonNode> south = bySku(lowInSouth, "LOW-");
        assertThat(south.keySet()).containsExactly("LOW-C");
        JsonNode lowC = south.get("LOW-C");
        assertThat(lowC.path("onHand").asLong()).isEqualTo(1);
        assertThat(lowC.path("available").asLong()).isEqualTo(1);
        assertThat(lowC.path("warehouses")).hasSize(1);
        assertThat(lowC.path("warehouses").get(0).path("warehouseId").asText()).isEqualTo("WS-2");

        JsonNode north = api.read("agent", "/api/inventory?warehouseId=WS-1&size=500", position);
        Map<String, JsonNode> northSkus = bySku(north, "LOW-");
        assertThat(northSkus.keySet()).containsExactly("LOW-A", "LOW-B", "LOW-C", "LOW-D");
        assertThat(northSkus.get("LOW-C").path("onHand").asLong()).isEqualTo(100);
        assertThat(bySku(api.read("agent", "/api/inventory?size=500", position), "LOW-").get("LOW-C")
                .path("onHand").asLong()).isEqualTo(101);

        // Paging: page 1 of size 1 is the second sku of the same listing.
        JsonNode page1 = api.read("viewer", "/api/inventory?warehouseId=WS-1&size=1&page=1", position);
        assertPage(page1, 1, 1);
        assertThat(page1.path("total").asLong()).isEqualTo(north.path("total").asLong());
        assertThat(page1.path("items").get(0)).isEqualTo(north.path("items").get(1));
    }

    // ---------------------------------------------------------------- ledger

    @Test
    void theLedgerListsEveryMovementOldestFirstWithRunningFigures() {
        api.post("warehouse", "/api/warehouses", warehouse("WG-1", "Ledger 1", "A-01", "A-02"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WG-2", "Ledger 2", "B-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WG-1/receipts", receipt("RG-1", "SKU-G", 10, "A-01"),
                HttpStatus.CREATED);
        api.post("admin", "/api/warehouses/WG-1/moves", move("SKU-G", 3, "A-01", "A-02"), HttpStatus.OK);
        String count1 = api.post("warehouse", "/api/warehouses/WG-1/counts",
                "{\"sku\":\"SKU-G\",\"location\":\"A-02\",\"countedQuantity\":5}", HttpStatus.OK)
                .json().path("countId").asText();
        api.post("admin", "/api/warehouses/WG-2/receipts", receipt("RG-2", "SKU-G", 4, "B-01"), HttpStatus.CREATED);
        Api.Response last = api.post("warehouse", "/api/warehouses/WG-1/counts",
                "{\"sku\":\"SKU-G\",\"location\":\"A-01\",\"countedQuantity\":6,\"reason\":\"damaged box\"}",
                HttpStatus.OK);
        String count2 = last.json().path("countId").asText();
        long position = last.position();

        JsonNode ledger = api.read("auditor", "/api/inventory/SKU-G/movements", position);
        assertPage(ledger, 0, 50);
        assertThat(ledger.path("total").asLong()).isEqualTo(5);
        List<JsonNode> entries = items(ledger);
        assertThat(entries).extracting(e -> e.path("type").asText())
                .containsExactly("RECEIVED", "MOVED", "ADJUSTED", "RECEIVED", "ADJUSTED");
        assertThat(entries).extracting(e -> e.path("warehouseId").asText())
                .containsExactly("WG-1", "WG-1", "WG-1", "WG-2", "WG-1");
        assertThat(entries).extracting(e -> e.path("quantity").asLong()).containsExactly(10L, 3L, 2L, 4L, 1L);
        assertThat(entries).extracting(e -> e.path("location").asText())
                .containsExactly("A-01", "A-01", "A-02", "B-01", "A-01");
        assertThat(entries.get(1).path("toLocation").asText()).isEqualTo("A-02");
        assertThat(entries).extracting(e -> e.path("reference").textValue())
                .containsExactly("RG-1", null, count1, "RG-2", count2);
        assertThat(entries).extracting(e -> e.path("onHandAfter").asLong())
                .as("figures of the sku in that warehouse after each movement").containsExactly(10L, 10L, 12L, 4L, 11L);
        assertThat(entries).extracting(e -> e.path("reservedAfter").asLong()).containsOnly(0L);
        assertThat(entries).extracting(e -> e.path("actor").asText())
                .containsExactly("warehouse", "admin", "warehouse", "admin", "warehouse");
        assertThat(entries).extracting(e -> e.path("position").asLong()).isSorted().doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).isPositive().isLessThanOrEqualTo(position));
        List<Instant> times = entries.stream().map(e -> e.path("timestamp").asText())
                .peek(t -> assertThat(t).endsWith("Z")).map(Instant::parse).toList();
        assertThat(times).isSorted();

        JsonNode south = api.read("warehouse", "/api/inventory/SKU-G/movements?warehouseId=WG-2", position);
        assertThat(items(south)).containsExactly(entries.get(3));
        assertThat(south.path("total").asLong()).isEqualTo(1);

        JsonNode page = api.read("auditor", "/api/inventory/SKU-G/movements?size=2&page=1", position);
        assertPage(page, 1, 2);
        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(items(page)).containsExactly(entries.get(2), entries.get(3));
        JsonNode beyond = api.read("auditor", "/api/inventory/SKU-G/movements?size=2&page=3", position);
        assertThat(items(beyond)).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(5);

        // from is inclusive, to exclusive.
        Instant middle = times.get(2);
        assertThat(items(api.read("auditor", "/api/inventory/SKU-G/movements?from=" + middle, position)))
                .containsExactlyElementsOf(entries.stream()
                        .filter(e -> !Instant.parse(e.path("timestamp").asText()).isBefore(middle)).toList());
        assertThat(items(api.read("auditor", "/api/inventory/SKU-G/movements?to=" + middle, position)))
                .containsExactlyElementsOf(entries.stream()
                        .filter(e -> Instant.parse(e.path("timestamp").asText()).isBefore(middle)).toList());
        assertThat(items(api.read("auditor", "/api/inventory/SKU-G/movements?from=" + times.get(0) + "&to="
                + times.get(4).plusMillis(1), position))).containsExactlyElementsOf(entries);
        JsonNode future = api.read("auditor", "/api/inventory/SKU-G/movements?from="
                + Instant.now().plus(Duration.ofDays(1)), position);
        assertThat(items(future)).isEmpty();
        assertThat(future.path("total").asLong()).isZero();

        api.get("auditor", "/api/inventory/SKU-NEVER-STOCKED/movements", HttpStatus.NOT_FOUND).problem();
    }

    @Test
    void theLedgerExportsAsCsvWithOneRowPerEntry() {
        api.post("warehouse", "/api/warehouses", warehouse("WV-1", "Csv 1", "A-01", "A-02"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", warehouse("WV-2", "Csv 2", "B-01"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WV-1/receipts", receipt("RV-1", "SKU-V", 10, "A-01"),
                HttpStatus.CREATED);
        api.post("admin", "/api/warehouses/WV-1/moves", move("SKU-V", 3, "A-01", "A-02"), HttpStatus.OK);
        api.post("warehouse", "/api/warehouses/WV-1/counts",
                "{\"sku\":\"SKU-V\",\"location\":\"A-02\",\"countedQuantity\":1,\"reason\":\"found, \\\"broken\\\"\"}",
                HttpStatus.OK);
        long position = api.post("warehouse", "/api/warehouses/WV-2/receipts", receipt("RV-2", "SKU-V", 4, "B-01"),
                HttpStatus.CREATED).position();
        List<JsonNode> entries = items(api.read("auditor", "/api/inventory/SKU-V/movements", position));
        assertThat(entries).hasSize(4);

        Api.Response csv = api.get("auditor", "/api/inventory/SKU-V/movements?format=csv&minPosition=" + position,
                HttpStatus.OK);
        assertThat(csv.result().getResponseHeaders().getContentType().isCompatibleWith(MediaType.valueOf("text/csv")))
                .isTrue();
        List<String> rows = csv.text().lines().toList();
        assertThat(rows.get(0)).isEqualTo(CSV_HEADER);
        assertThat(rows).hasSize(1 + entries.size());
        String[] fields = CSV_HEADER.split(",");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            List<String> expected = new ArrayList<>();
            for (String field : fields) {
                expected.add(entry.path(field).isNull() || entry.path(field).isMissingNode() ? ""
                        : entry.path(field).asText());
            }
            assertThat(rows.get(i + 1)).as("row %d", i + 1).isEqualTo(String.join(",", expected));
        }

        List<String> filtered = api.get("warehouse", "/api/inventory/SKU-V/movements?format=csv&warehouseId=WV-2"
                + "&minPosition=" + position, HttpStatus.OK).text().lines().toList();
        assertThat(filtered).hasSize(2);
        assertThat(filtered.get(1)).startsWith(entries.get(3).path("position").asText() + ",");
    }

    // ---------------------------------------------------------------- read-your-writes

    @Test
    void aReadWaitsForItsPositionAndAnswers503WhenItNeverComes() {
        long head = api.head();
        long started = System.nanoTime();
        JsonNode problem = api.get("viewer", "/api/inventory/SKU-P?minPosition=" + (head + 1_000_000),
                HttpStatus.SERVICE_UNAVAILABLE).problem();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(waited).isBetween(Duration.ofMillis(4_500), Duration.ofSeconds(15));
        // Reaching the head answers at once.
        assertThat(api.read("viewer", "/api/inventory/SKU-P", head).path("onHand").asLong()).isEqualTo(5);
    }

    // ---------------------------------------------------------------- access

    static Stream<String> nonWarehouseRoles() {
        return Stream.of("auditor", "viewer", "agent", "channel");
    }

    @ParameterizedTest
    @MethodSource("nonWarehouseRoles")
    void onlyWarehouseAndAdminMayChangeStock(String user) {
        long head = api.head();
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("/api/warehouses/WP-1/receipts", receipt("RP-" + user, "SKU-P", 5, "A-01"));
        writes.put("/api/warehouses/WP-1/moves", move("SKU-P", 1, "A-01", "OUTBOUND"));
        writes.put("/api/warehouses/WP-1/counts", "{\"sku\":\"SKU-P\",\"location\":\"A-01\",\"countedQuantity\":9}");
        writes.put("/api/warehouses", warehouse("WP-" + user, "Roles", "A-01"));
        writes.put("/api/warehouses/WP-1/locations", "{\"locations\":[\"Q-01\"]}");
        writes.put("/api/warehouses/WP-1/workers", "{\"workerId\":\"Q\",\"name\":\"Q\"}");
        writes.forEach((path, body) -> {
            JsonNode problem = api.post(user, path, body, HttpStatus.FORBIDDEN).problem();
            assertThat(problem.path("status").asInt()).isEqualTo(403);
        });
        assertThat(api.head()).isEqualTo(head);
    }

    static Stream<Arguments> readAccess() {
        return Stream.of(
                Arguments.of("/api/inventory/SKU-P", List.of("admin", "warehouse", "auditor", "agent", "viewer"),
                        List.of("channel")),
                Arguments.of("/api/inventory?maxAvailable=10", List.of("admin", "warehouse", "auditor", "agent",
                        "viewer"), List.of("channel")),
                Arguments.of("/api/inventory/SKU-P/movements", List.of("admin", "warehouse", "auditor"),
                        List.of("viewer", "agent", "channel")),
                Arguments.of("/api/inventory/SKU-P/movements?format=csv", List.of("admin", "warehouse", "auditor"),
                        List.of("viewer", "agent", "channel")),
                Arguments.of("/v3/api-docs", List.of("admin", "warehouse", "auditor", "agent", "viewer", "channel"),
                        List.of()),
                Arguments.of("/actuator/prometheus", List.of("admin"),
                        List.of("warehouse", "auditor", "agent", "viewer", "channel")));
    }

    @ParameterizedTest
    @MethodSource("readAccess")
    void readsFollowTheAccessTable(String path, List<String> allowed, List<String> refused) {
        for (String user : allowed) {
            assertThat(api.send(user, HttpMethod.GET, path, null, null).status()).as("%s reads %s", user, path)
                    .isEqualTo(200);
        }
        for (String user : refused) {
            Api.Response response = api.send(user, HttpMethod.GET, path, null, null);
            assertThat(response.status()).as("%s reads %s", user, path).isEqualTo(403);
            response.problem();
        }
        Api.Response anonymous = api.send(null, HttpMethod.GET, path, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        anonymous.problem();
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void theHealthCheckIsOpenToEveryone() {
        Api.Response health = api.send(null, HttpMethod.GET, "/actuator/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void wrongOrUnknownCredentialsAre401() {
        for (String authorization : List.of(basic("warehouse", "wrong"), basic("nobody", "nobody"),
                basic("warehouse", ""), "Basic not-base64!", "Bearer abc")) {
            Api.Response response = new Api.Response(app.anonymous().get().uri("/api/inventory/SKU-P")
                    .header("Authorization", authorization).exchange().expectBody().returnResult());
            assertThat(response.status()).as(authorization).isEqualTo(401);
            response.problem();
        }
        long head = api.head();
        Api.Response write = new Api.Response(app.anonymous().post().uri("/api/warehouses/WP-1/receipts")
                .header("Authorization", basic("warehouse", "wrong")).bodyValue(receipt("RP-X", "SKU-P", 1, "A-01"))
                .exchange().expectBody().returnResult());
        assertThat(write.status()).isEqualTo(401);
        assertThat(api.head()).isEqualTo(head);
    }

    /**
     * Every request pays for its HTTP Basic check. The development users' passwords must be checked as stored
     * ({noop}), not silently re-hashed to bcrypt at first login, which made every later request cost ~75 ms of CPU.
     */
    @Test
    void signingInCostsNoPasswordHashingPerRequest() {
        List<Long> anonymous = new ArrayList<>();
        List<Long> signedIn = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            anonymous.add(timed(() -> api.send(null, HttpMethod.GET, "/actuator/health", null, null)));
            signedIn.add(timed(() -> api.send("viewer", HttpMethod.GET, "/actuator/health", null, null)));
        }
        assertThat(median(signedIn) - median(anonymous)).as("extra ms for signing in").isLessThan(30);
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** Spellings of the movements path that a viewer might try to slip past the access rules. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/inventory/SKU-P/movements/", "/api/inventory/SKU-P/Movements",
            "/api/inventory/SKU-P/%6Dovements", "/api/inventory/SKU-P//movements", "/api/inventory//SKU-P/movements",
            "/api/inventory/SKU-P/movements;x=1", "/api/inventory/SKU-P;x=1/movements",
            "/api/inventory/SKU-P/./movements", "/api/inventory/X/../SKU-P/movements",
            "/api/inventory/SKU-P/movements%2F", "/API/inventory/SKU-P/movements"})
    void theLedgerStaysClosedToViewersHoweverThePathIsSpelled(String path) {
        Api.Response response = api.send("viewer", HttpMethod.GET, path, null, null);
        assertThat(response.status()).as(path).isBetween(400, 499);
        response.problem();
    }

    // ---------------------------------------------------------------- helpers

    static String warehouse(String id, String name, String... locations) {
        return "{\"warehouseId\":\"%s\",\"name\":\"%s\",\"locations\":[%s]}".formatted(id, name,
                String.join(",", Stream.of(locations).map(l -> "\"" + l + "\"").toList()));
    }

    static String receipt(String receiptId, String sku, long quantity, String location) {
        return (receiptId == null ? "{" : "{\"receiptId\":\"" + receiptId + "\",")
                + "\"reference\":\"PO-1\",\"lines\":[{\"sku\":\"%s\",\"quantity\":%d,\"location\":\"%s\"}]}"
                .formatted(sku, quantity, location);
    }

    static String move(String sku, long quantity, String from, String to) {
        return "{\"sku\":\"%s\",\"quantity\":%d,\"from\":\"%s\",\"to\":\"%s\"}".formatted(sku, quantity, from, to);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    /** The level of a sku once the read model reached {@code position}, checked against the stock model's rules. */
    static JsonNode level(String sku, long position) {
        JsonNode level = api.read("agent", "/api/inventory/" + sku, position);
        assertConsistent(level);
        return level;
    }

    /** onHand = Σ locations per warehouse, available = onHand − reserved ≥ 0, totals = Σ warehouses. */
    static void assertConsistent(JsonNode level) {
        long onHand = 0;
        long reserved = 0;
        for (JsonNode warehouse : level.path("warehouses")) {
            long sum = 0;
            for (JsonNode location : warehouse.path("locations")) {
                assertThat(location.path("quantity").asLong()).isNotNegative();
                sum += location.path("quantity").asLong();
            }
            assertThat(warehouse.path("onHand").asLong()).as("on-hand = sum of locations in %s", warehouse)
                    .isEqualTo(sum);
            assertThat(warehouse.path("available").asLong())
                    .isEqualTo(warehouse.path("onHand").asLong() - warehouse.path("reserved").asLong())
                    .isNotNegative();
            onHand += warehouse.path("onHand").asLong();
            reserved += warehouse.path("reserved").asLong();
        }
        assertThat(level.path("onHand").asLong()).isEqualTo(onHand);
        assertThat(level.path("reserved").asLong()).isEqualTo(reserved);
        assertThat(level.path("available").asLong()).isEqualTo(onHand - reserved).isNotNegative();
    }

    /** Quantity per location in one warehouse; a location without stock is left out. */
    static Map<String, Long> locations(JsonNode level, String warehouseId) {
        Map<String, Long> quantities = new LinkedHashMap<>();
        for (JsonNode warehouse : level.path("warehouses")) {
            if (warehouse.path("warehouseId").asText().equals(warehouseId)) {
                for (JsonNode location : warehouse.path("locations")) {
                    if (location.path("quantity").asLong() != 0) {
                        quantities.put(location.path("location").asText(), location.path("quantity").asLong());
                    }
                }
            }
        }
        return quantities;
    }

    static JsonNode ledger(String sku, long position, String query) {
        return api.read("auditor", "/api/inventory/" + sku + "/movements" + query, position);
    }

    static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    static Map<String, JsonNode> bySku(JsonNode page, String prefix) {
        Map<String, JsonNode> levels = new LinkedHashMap<>();
        for (JsonNode level : page.path("items")) {
            assertConsistent(level);
            if (level.path("sku").asText().startsWith(prefix)) {
                levels.put(level.path("sku").asText(), level);
            }
        }
        return levels;
    }

    static void assertPage(JsonNode page, int number, int size) {
        assertThat(page.path("items").isArray()).as("items of %s", page).isTrue();
        assertThat(page.path("page").asInt()).isEqualTo(number);
        assertThat(page.path("size").asInt()).isEqualTo(size);
        assertThat(page.path("total").isIntegralNumber()).isTrue();
    }

    static void assertField(JsonNode problem, String field) {
        assertThat(problem.path("errors")).as("errors of %s", problem)
                .extracting(error -> error.path("field").asText()).contains(field);
    }
}
