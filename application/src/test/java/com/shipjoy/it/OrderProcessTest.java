package com.shipjoy.it;

import static com.shipjoy.it.Journey.Level.onHand;
import static com.shipjoy.it.OrderJson.entries;
import static com.shipjoy.it.OrderJson.itemValues;
import static com.shipjoy.it.OrderJson.order;
import static com.shipjoy.it.OrderJson.typesAndActors;
import static com.shipjoy.it.OrderProcessTest.Allocation.allocated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipjoy.command.Processes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * The allocation process through HTTP (orders, the stock model, the ledger): where an order's
 * units come from, backorders and how arriving stock fills them, cancelling with compensation, the order's history,
 * and orders racing for the same units. Each test uses skus of its own; the warehouses are shared.
 */
class OrderProcessTest extends Journey {

    static final String WH1 = "P-WH1";
    static final String WH2 = "P-WH2";
    static final String WH3 = "P-WH3";
    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    OrderProcessTest() {
        super(api);
    }

    @BeforeAll
    static void start() {
        for (String[] warehouse : new String[][] {{WH1, "A-01"}, {WH2, "B-01"}, {WH3, "C-01"}}) {
            api.post("warehouse", "/api/warehouses", "{\"warehouseId\":\"" + warehouse[0] + "\",\"name\":\""
                    + warehouse[0] + "\",\"locations\":[\"" + warehouse[1] + "\"]}", HttpStatus.CREATED);
        }
    }

    @Test
    void oneWarehouseThatFillsTheWholeOrderIsPreferredOverSplitting() {
        givenStock(WH1, "PREF-X", 10, "A-01");
        givenStock(WH2, "PREF-X", 4, "B-01");
        givenStock(WH2, "PREF-Y", 2, "B-01");
        givenStock(WH3, "PREF-Y", 9, "C-01");

        // Split by "most first", X would come from WH1 and Y from WH3; WH2 alone holds the whole order.
        Placed placed = whenPlaced(order("web", "pref-1", "cust-pref", "PREF-X", 4, "PREF-Y", 2));
        assertThat(placed.status()).isEqualTo("ALLOCATED");
        long position = placed.position();
        String orderId = placed.orderId();

        assertThat(reservedByWarehouse("PREF-X", position)).isEqualTo(Map.of(WH1, 0L, WH2, 4L));
        assertThat(reservedByWarehouse("PREF-Y", position)).isEqualTo(Map.of(WH2, 2L, WH3, 0L));
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(lineFigures(order)).isEqualTo(Map.of("PREF-X", allocated(4).backordered(0),
                "PREF-Y", allocated(2).backordered(0)));
        List<JsonNode> allocations = entries(history(orderId, position), "OrderLineAllocated");
        assertThat(allocations).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.path("data").path("warehouseId").asText()).isEqualTo(WH2));
    }

    @Test
    void anOrderNoWarehouseCanFillIsSplitMostFirst() {
        givenStock(WH1, "SPLIT", 3, "A-01");
        givenStock(WH2, "SPLIT", 2, "B-01");
        givenStock(WH3, "SPLIT", 1, "C-01");

        Placed placed = whenPlaced(order("web", "split-1", "cust-split", "SPLIT", 5));
        assertThat(placed.status()).isEqualTo("ALLOCATED");
        long position = placed.position();

        assertThat(reservedByWarehouse("SPLIT", position)).isEqualTo(Map.of(WH1, 3L, WH2, 2L, WH3, 0L));
        JsonNode level = api.read("agent", "/api/inventory/SPLIT", position);
        assertThat(level.path("reserved").asLong()).isEqualTo(5);
        assertThat(level.path("available").asLong()).isEqualTo(1);
        String orderId = placed.orderId();
        assertThat(lineFigures(orderAt(orderId, position)))
                .isEqualTo(Map.of("SPLIT", allocated(5).backordered(0)));
        assertThat(entries(history(orderId, position), "OrderLineAllocated"))
                .extracting(entry -> entry.path("data").path("warehouseId").asText() + ":"
                        + entry.path("data").path("quantity").asLong())
                .containsExactly(WH1 + ":3", WH2 + ":2");
    }

    @Test
    void arrivingStockFillsBackordersOldestFirstByReceiptAndByCount() throws Exception {
        givenStock(WH1, "BO", 2, "A-01");
        String o1 = whenPlaced(order("web", "bo-1", "cust-bo", "BO", 3)).orderId();
        Thread.sleep(5);
        String o2 = whenPlaced(order("app", "bo-2", "cust-bo", "BO", 2)).orderId();
        Thread.sleep(5);
        Placed third = whenPlaced(order("web", "bo-3", "cust-bo", "BO", 1));
        assertThat(third.status()).isEqualTo("BACKORDERED");
        String o3 = third.orderId();
        long position = third.position();

        JsonNode order1 = orderAt(o1, position);
        assertThat(order1.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(lineFigures(order1)).isEqualTo(Map.of("BO", allocated(2).backordered(1)));
        JsonNode backorders = backorders("BO", position);
        assertThat(backorders.path("total").asLong()).isEqualTo(3);
        assertThat(waiting(backorders)).containsExactly(o1 + ":1", o2 + ":2", o3 + ":1");
        JsonNode first = backorders.path("items").path(0);
        assertThat(first.path("sku").asText()).isEqualTo("BO");
        assertThat(Instant.parse(first.path("placedAt").asText()))
                .isEqualTo(Instant.parse(order1.path("placedAt").asText()));
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("orderId", "sku", "quantity", "placedAt");

        // A receipt of 2 in another warehouse: o1 gets the 1 it waits for, o2 one of its 2, o3 none.
        position = whenStockArrives(WH2, "BO", 2, "B-01");
        assertThat(status(o1, position)).isEqualTo("ALLOCATED");
        assertThat(lineFigures(orderAt(o2, position)))
                .isEqualTo(Map.of("BO", allocated(1).backordered(1)));
        assertThat(waiting(backorders("BO", position))).containsExactly(o2 + ":1", o3 + ":1");
        assertThat(level("BO", position)).isEqualTo(onHand(4).reserved(4).available(0));

        // The history tells who caused what: the channel placed it, the warehouse's receipt filled it, and with it
        // released a shipment from each warehouse holding its units.
        JsonNode history = history(o1, position);
        assertThat(typesAndActors(history)).containsExactly(
                "OrderPlaced:channel", "StockReserved:channel", "OrderLineAllocated:channel",
                "OrderBackordered:channel",
                "StockReserved:warehouse", "OrderLineAllocated:warehouse", "OrderAllocated:warehouse",
                "OrderReleased:warehouse", "OrderReleased:warehouse",
                "PicksPlanned:warehouse", "ShipmentReleased:warehouse",
                "PicksPlanned:warehouse", "ShipmentReleased:warehouse");
        assertIncreasingPositions(history);

        // A positive cycle count is stock arriving too.
        position = whenCounted(WH1, "BO", "A-01", 3).expectVariance(1);
        assertThat(status(o2, position)).isEqualTo("ALLOCATED");
        assertThat(status(o3, position)).isEqualTo("BACKORDERED");
        assertThat(waiting(backorders("BO", position))).containsExactly(o3 + ":1");
        position = whenCounted(WH2, "BO", "B-01", 3).expectVariance(1);
        assertThat(status(o3, position)).isEqualTo("ALLOCATED");
        assertThat(backorders("BO", position).path("total").asLong()).isEqualTo(0);
        assertThat(typesAndActors(history(o3, position))).containsSubsequence(
                "StockReserved:warehouse", "OrderLineAllocated:warehouse", "OrderAllocated:warehouse",
                "OrderReleased:warehouse", "ShipmentReleased:warehouse");
        assertThat(level("BO", position)).isEqualTo(onHand(6).reserved(6).available(0));
    }

    @Test
    void cancellingReleasesEveryReservationAndTheUnitsGoToWhoWaits() {
        givenStock(WH1, "CXL", 2, "A-01");
        givenStock(WH2, "CXL", 1, "B-01");
        Placed placed = whenPlaced(order("web", "cxl-a", "cust-cxl", "CXL", 3));
        String a = placed.orderId();
        assertThat(placed.status()).isEqualTo("ALLOCATED");
        Placed waitingOrder = whenPlaced(order("app", "cxl-b", "cust-cxl", "CXL", 1));
        String b = waitingOrder.orderId();
        assertThat(waitingOrder.status()).isEqualTo("BACKORDERED");

        Api.Response cancelled = cancel(a, "fraud suspected", HttpStatus.OK);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        long position = cancelled.position();

        JsonNode order = orderAt(a, position);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(lineFigures(order)).isEqualTo(Map.of("CXL", allocated(0).backordered(0)));
        List<JsonNode> ledger = ledger("CXL", position);
        assertThat(ledger.stream().filter(entry -> entry.path("type").asText().equals("RELEASED")))
                .extracting(entry -> entry.path("warehouseId").asText() + ":" + entry.path("quantity").asLong()
                        + ":" + entry.path("reference").asText() + ":" + entry.path("actor").asText())
                .containsExactlyInAnyOrder(WH1 + ":2:" + a + ":agent", WH2 + ":1:" + a + ":agent");

        // The released units are available again, and the waiting order takes one of them at once.
        assertThat(status(b, position)).isEqualTo("ALLOCATED");
        assertThat(level("CXL", position)).isEqualTo(onHand(3).reserved(1).available(2));
        assertThat(backorders("CXL", position).path("total").asLong()).isEqualTo(0);

        JsonNode history = history(a, position);
        assertThat(typesAndActors(history)).containsExactly(
                "OrderPlaced:channel", "StockReserved:channel", "StockReserved:channel",
                "OrderLineAllocated:channel", "OrderLineAllocated:channel", "OrderAllocated:channel",
                "OrderReleased:channel", "OrderReleased:channel",
                "PicksPlanned:channel", "ShipmentReleased:channel", "PicksPlanned:channel", "ShipmentReleased:channel",
                // Compensation: the reservations go back, the shipments and their open tasks are cancelled.
                "OrderCancelled:agent", "StockReleased:agent", "StockReleased:agent",
                "TaskCancelled:agent", "ShipmentCancelled:agent", "TaskCancelled:agent", "ShipmentCancelled:agent");
        assertIncreasingPositions(history);
        JsonNode secondPage = api.read("agent", "/api/orders/" + a + "/history?size=4&page=1", position);
        assertThat(secondPage.path("total").asLong()).isEqualTo(19);
        assertThat(itemValues(secondPage, "position")).containsExactlyElementsOf(
                itemValues(history, "position").subList(4, 8));
        assertThat(entries(history, "OrderCancelled").get(0).path("data").path("reason").asText())
                .isEqualTo("fraud suspected");
        assertThat(entries(history, "OrderPlaced").get(0).path("data").path("externalOrderId").asText())
                .isEqualTo("cxl-a");
    }

    @Test
    void aCancelledBackorderStopsWaitingAndItsPartialReservationIsReleased() {
        givenStock(WH3, "CXB", 1, "C-01");
        String first = whenPlaced(order("web", "cxb-1", "cust-cxb", "CXB", 3)).orderId();
        Placed second = whenPlaced(order("web", "cxb-2", "cust-cxb", "CXB", 2));
        String next = second.orderId();
        assertThat(waiting(backorders("CXB", second.position()))).containsExactly(first + ":2", next + ":2");

        long position = whenCancelled(first, "too slow");
        // Its one reserved unit went to the next in line; it no longer waits.
        assertThat(waiting(backorders("CXB", position))).containsExactly(next + ":1");
        assertThat(lineFigures(orderAt(next, position)))
                .isEqualTo(Map.of("CXB", allocated(1).backordered(1)));

        position = whenStockArrives(WH3, "CXB", 5, "C-01");
        assertThat(status(next, position)).isEqualTo("ALLOCATED");
        JsonNode cancelled = orderAt(first, position);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(lineFigures(cancelled)).isEqualTo(Map.of("CXB", allocated(0).backordered(0)));
        assertThat(level("CXB", position)).isEqualTo(onHand(6).reserved(2).available(4));
        assertThat(typesAndActors(history(first, position))).endsWith("OrderCancelled:agent", "StockReleased:agent");
    }

    @Test
    void fortyOrdersFromFourChannelsRaceForTenUnits() throws Exception {
        givenStock(WH1, "RACE", 6, "A-01");
        givenStock(WH2, "RACE", 4, "B-01");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bodies.add(order("ch-" + (i % 4), "race-" + i, "cust-race-" + i, "RACE", 1).toString());
        }
        AtomicBoolean racing = new AtomicBoolean(true);
        AtomicLong lowestAvailable = new AtomicLong(Long.MAX_VALUE);
        AtomicReference<String> overReserved = new AtomicReference<>();
        Thread sampler = new Thread(() -> {
            while (racing.get()) {
                JsonNode level;
                try {
                    level = api.get("agent", "/api/inventory/RACE", HttpStatus.OK).json();
                } catch (Throwable failure) {
                    overReserved.set("sampling failed: " + failure);
                    return;
                }
                lowestAvailable.accumulateAndGet(level.path("available").asLong(), Math::min);
                for (JsonNode warehouse : level.path("warehouses")) {
                    lowestAvailable.accumulateAndGet(warehouse.path("available").asLong(), Math::min);
                    if (warehouse.path("reserved").asLong() > warehouse.path("onHand").asLong()) {
                        overReserved.set(level.toString());
                    }
                }
            }
        });
        sampler.start();
        List<Race.Answer> answers;
        try {
            answers = Race.post(app, "channel", "/api/orders", bodies);
        } finally {
            racing.set(false);
            sampler.join();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(201));
        assertThat(lowestAvailable.get()).as("available while racing").isGreaterThanOrEqualTo(0);
        assertThat(overReserved.get()).as("a level with more reserved than on hand").isNull();
        // An answer tells the allocation unless it lagged past the answer's wait (PLACED, on a busy machine).
        long position = Math.max(answers.stream().mapToLong(Race.Answer::position).max().orElseThrow(), settled());
        Map<String, List<String>> byStatus = new TreeMap<>();
        for (Race.Answer answer : answers) {
            String orderId = answer.json().path("orderId").asText();
            String status = status(orderId, position);
            assertThat(answer.json().path("status").asText()).as("answered status of %s", orderId)
                    .isIn(status, "PLACED");
            byStatus.computeIfAbsent(status, key -> new ArrayList<>()).add(orderId);
        }
        assertThat(byStatus.keySet()).containsExactly("ALLOCATED", "BACKORDERED");
        assertThat(byStatus.get("ALLOCATED")).hasSize(10);
        assertThat(byStatus.get("BACKORDERED")).hasSize(30);

        assertThat(level("RACE", position)).isEqualTo(onHand(10).reserved(10).available(0));
        assertThat(reservedByWarehouse("RACE", position)).isEqualTo(Map.of(WH1, 6L, WH2, 4L));
        assertThat(total("/api/orders?sku=RACE&status=ALLOCATED", position)).isEqualTo(10);
        assertThat(total("/api/orders?sku=RACE&status=BACKORDERED", position)).isEqualTo(30);
        for (int channel = 0; channel < 4; channel++) {
            assertThat(total("/api/orders?sku=RACE&channel=ch-" + channel, position)).isEqualTo(10);
        }
        JsonNode backorders = api.read("agent", "/api/backorders?sku=RACE&size=500", position);
        assertThat(backorders.path("total").asLong()).isEqualTo(30);
        List<String> queue = itemValues(backorders, "orderId");
        assertThat(queue).containsExactlyInAnyOrderElementsOf(byStatus.get("BACKORDERED"));
        assertThat(itemValues(backorders, "quantity")).containsOnly("1");
        assertThat(itemValues(backorders, "placedAt").stream().map(Instant::parse).toList()).isSorted();

        List<JsonNode> ledger = ledger("RACE", position);
        List<JsonNode> reserved = ledger.stream().filter(entry -> entry.path("type").asText().equals("RESERVED"))
                .toList();
        assertThat(reserved).hasSize(10).allSatisfy(entry -> assertThat(entry.path("quantity").asLong())
                .isEqualTo(1));
        assertThat(reserved).extracting(entry -> entry.path("reference").asText())
                .containsExactlyInAnyOrderElementsOf(byStatus.get("ALLOCATED"));
        assertThat(ledger).allSatisfy(entry -> assertThat(entry.path("reservedAfter").asLong())
                .isLessThanOrEqualTo(entry.path("onHandAfter").asLong()));
        JsonNode audit = api.read("auditor", "/api/audit/inventory-consistency", position);
        assertThat(audit.path("mismatches")).as(audit.toString()).isEmpty();

        // Five more units: the five who waited longest, as the backorder list shows them, are served.
        position = Math.max(whenStockArrives(WH3, "RACE", 5, "C-01"), settled());
        for (int i = 0; i < queue.size(); i++) {
            assertThat(status(queue.get(i), position)).as("order %d in the queue", i)
                    .isEqualTo(i < 5 ? "ALLOCATED" : "BACKORDERED");
        }
        assertThat(itemValues(api.read("agent", "/api/backorders?sku=RACE&size=500", position), "orderId"))
                .containsExactlyElementsOf(queue.subList(5, queue.size()));
        assertThat(api.read("auditor", "/api/audit/inventory-consistency", position).path("mismatches")).isEmpty();
    }

    @Test
    void cancellingAfterACountShortfallReleasesWhatTheOrderStillHolds() {
        givenStock(WH3, "SHORT", 3, "C-01");
        String orderId = whenPlaced(order("web", "short-1", "cust-short", "SHORT", 3)).orderId();
        // Two units are not there: the count revokes two of the order's three reserved units.
        whenCounted(WH3, "SHORT", "C-01", 1).expectVariance(-2);

        long position = whenCancelled(orderId, "lost");
        assertThat(level("SHORT", position)).isEqualTo(onHand(1).reserved(0).available(1));
        assertThat(ledger("SHORT", position).stream().filter(entry -> entry.path("type").asText().equals("RELEASED")))
                .extracting(entry -> entry.path("quantity").asLong()).containsExactly(2L, 1L);

        // The allocation process goes on with other orders.
        Placed next = whenPlaced(order("web", "short-2", "cust-short", "SHORT", 1));
        assertThat(next.status()).isEqualTo("ALLOCATED");
        assertThat(api.read("auditor", "/api/audit/inventory-consistency", next.position()).path("mismatches"))
                .isEmpty();
    }

    @Test
    void unitsACountTakesFromAnOrderAreReallocatedElsewhereOrBackordered() {
        givenStock(WH1, "TAKEN", 3, "A-01");
        givenStock(WH2, "TAKEN", 1, "B-01");
        String orderId = whenPlaced(order("web", "taken-1", "cust-taken", "TAKEN", 3)).orderId();
        // All three come from WH1, the one warehouse that can fill the order. A count there finds one: the order loses
        // two, gets the unit WH2 holds and waits for the last, at its original turn.
        long position = whenCounted(WH1, "TAKEN", "A-01", 1).expectVariance(-2);

        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(lineFigures(order)).containsEntry("TAKEN", allocated(2).backordered(1));
        assertThat(reservedByWarehouse("TAKEN", position)).containsEntry(WH1, 1L).containsEntry(WH2, 1L);
        assertThat(waiting(backorders("TAKEN", position))).containsExactly(orderId + ":1");
        assertThat(entries(history(orderId, position), "OrderLineDeallocated")).hasSize(1);

        assertThat(status(orderId, whenStockArrives(WH2, "TAKEN", 1, "B-01"))).isEqualTo("ALLOCATED");
    }

    @Test
    void anOrderIsTakenWhileAllocationLagsAndAllocatedOnceItCatchesUp() {
        givenStock(WH1, "LAG", 1, "A-01");
        StreamingEventProcessor allocation = app.bean(EventProcessingConfiguration.class)
                .eventProcessor(Processes.ORDER_ALLOCATION, StreamingEventProcessor.class).orElseThrow();
        allocation.shutDown();
        Placed placed;
        try {
            placed = whenPlaced(order("web", "lag-1", "cust-lag", "LAG", 2));
            assertThat(placed.status()).isEqualTo("PLACED");
            JsonNode order = orderAt(placed.orderId(), placed.position());
            assertThat(order.path("status").asText()).isEqualTo("PLACED");
            assertThat(lineFigures(order)).isEqualTo(Map.of("LAG", allocated(0).backordered(0)));
            // A receipt without receiptId is answered as done too: a 503 would invite sending it twice.
            whenStockArrives(WH2, "LAG", 1, "B-01");
        } finally {
            allocation.start();
        }
        long position = settled();
        String orderId = placed.orderId();
        assertThat(status(orderId, position)).isEqualTo("ALLOCATED");
        assertThat(reservedByWarehouse("LAG", position)).isEqualTo(Map.of(WH1, 1L, WH2, 1L));
        assertThat(api.read("agent", "/api/inventory/LAG", position).path("onHand").asLong()).isEqualTo(2);
    }

    private static long settled() {
        return StoredEvents.settled(app);
    }

    private static long total(String path, long position) {
        return api.read("agent", path, position).path("total").asLong();
    }

    /** Per sku, what is allocated and what backordered. */
    private static Map<String, Allocation> lineFigures(JsonNode order) {
        Map<String, Allocation> figures = new TreeMap<>();
        order.path("lines").forEach(line -> figures.put(line.path("sku").asText(),
                new Allocation(line.path("allocated").asLong(), line.path("backordered").asLong())));
        return figures;
    }

    /** An order line's units, written {@code allocated(2).backordered(1)}. */
    record Allocation(long allocated, long backordered) {

        static Allocation allocated(long units) {
            return new Allocation(units, 0);
        }

        Allocation backordered(long units) {
            return new Allocation(allocated, units);
        }
    }

    private static List<String> waiting(JsonNode backorders) {
        List<String> waiting = new ArrayList<>();
        backorders.path("items").forEach(item -> waiting.add(item.path("orderId").asText() + ":"
                + item.path("quantity").asLong()));
        return waiting;
    }

    private static void assertIncreasingPositions(JsonNode history) {
        List<Long> positions = new ArrayList<>();
        List<Instant> timestamps = new ArrayList<>();
        history.path("items").forEach(entry -> {
            positions.add(entry.path("position").asLong());
            timestamps.add(Instant.parse(entry.path("timestamp").asText()));
        });
        assertThat(new HashSet<>(positions)).hasSameSizeAs(positions);
        assertThat(positions).isSorted();
        assertThat(timestamps).isSorted();
        assertThat(history.path("total").asLong()).isEqualTo(positions.size());
    }
}
