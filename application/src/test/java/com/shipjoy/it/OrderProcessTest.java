package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.entries;
import static com.shipjoy.it.OrderJson.itemValues;
import static com.shipjoy.it.OrderJson.order;
import static com.shipjoy.it.OrderJson.typesAndActors;
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
 * The allocation process through HTTP (contract §4 "Orders (OMS)", §10 "Stock model", "Ledger"): where an order's
 * units come from, backorders and how arriving stock fills them, cancelling with compensation, the order's history,
 * and orders racing for the same units. Each test uses skus of its own; the warehouses are shared.
 */
class OrderProcessTest {

    static final String WH1 = "P-WH1";
    static final String WH2 = "P-WH2";
    static final String WH3 = "P-WH3";
    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    @BeforeAll
    static void start() {
        for (String[] warehouse : new String[][] {{WH1, "A-01"}, {WH2, "B-01"}, {WH3, "C-01"}}) {
            api.post("warehouse", "/api/warehouses", "{\"warehouseId\":\"" + warehouse[0] + "\",\"name\":\""
                    + warehouse[0] + "\",\"locations\":[\"" + warehouse[1] + "\"]}", HttpStatus.CREATED);
        }
    }

    @Test
    void oneWarehouseThatFillsTheWholeOrderIsPreferredOverSplitting() {
        receive(WH1, "PREF-X", 10);
        receive(WH2, "PREF-X", 4);
        receive(WH2, "PREF-Y", 2);
        receive(WH3, "PREF-Y", 9);

        // Split by "most first", X would come from WH1 and Y from WH3; WH2 alone holds the whole order.
        Api.Response placed = place("web", "pref-1", "cust-pref", "PREF-X", 4, "PREF-Y", 2);
        assertThat(placed.json().path("status").asText()).isEqualTo("ALLOCATED");
        long position = placed.position();
        String orderId = placed.json().path("orderId").asText();

        assertThat(reservedByWarehouse("PREF-X", position)).isEqualTo(Map.of(WH1, 0L, WH2, 4L));
        assertThat(reservedByWarehouse("PREF-Y", position)).isEqualTo(Map.of(WH2, 2L, WH3, 0L));
        JsonNode order = api.read("agent", "/api/orders/" + orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(lineFigures(order)).isEqualTo(Map.of("PREF-X", List.of(4L, 0L), "PREF-Y", List.of(2L, 0L)));
        List<JsonNode> allocations = entries(history(orderId, position), "OrderLineAllocated");
        assertThat(allocations).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.path("data").path("warehouseId").asText()).isEqualTo(WH2));
    }

    @Test
    void anOrderNoWarehouseCanFillIsSplitMostFirst() {
        receive(WH1, "SPLIT", 3);
        receive(WH2, "SPLIT", 2);
        receive(WH3, "SPLIT", 1);

        Api.Response placed = place("web", "split-1", "cust-split", "SPLIT", 5);
        assertThat(placed.json().path("status").asText()).isEqualTo("ALLOCATED");
        long position = placed.position();

        assertThat(reservedByWarehouse("SPLIT", position)).isEqualTo(Map.of(WH1, 3L, WH2, 2L, WH3, 0L));
        JsonNode level = api.read("agent", "/api/inventory/SPLIT", position);
        assertThat(level.path("reserved").asLong()).isEqualTo(5);
        assertThat(level.path("available").asLong()).isEqualTo(1);
        String orderId = placed.json().path("orderId").asText();
        assertThat(lineFigures(api.read("agent", "/api/orders/" + orderId, position)))
                .isEqualTo(Map.of("SPLIT", List.of(5L, 0L)));
        assertThat(entries(history(orderId, position), "OrderLineAllocated"))
                .extracting(entry -> entry.path("data").path("warehouseId").asText() + ":"
                        + entry.path("data").path("quantity").asLong())
                .containsExactly(WH1 + ":3", WH2 + ":2");
    }

    @Test
    void arrivingStockFillsBackordersOldestFirstByReceiptAndByCount() throws Exception {
        receive(WH1, "BO", 2);
        String o1 = place("web", "bo-1", "cust-bo", "BO", 3).json().path("orderId").asText();
        Thread.sleep(5);
        String o2 = place("app", "bo-2", "cust-bo", "BO", 2).json().path("orderId").asText();
        Thread.sleep(5);
        Api.Response third = place("web", "bo-3", "cust-bo", "BO", 1);
        assertThat(third.json().path("status").asText()).isEqualTo("BACKORDERED");
        String o3 = third.json().path("orderId").asText();
        long position = third.position();

        JsonNode order1 = api.read("agent", "/api/orders/" + o1, position);
        assertThat(order1.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(lineFigures(order1)).isEqualTo(Map.of("BO", List.of(2L, 1L)));
        JsonNode backorders = api.read("agent", "/api/backorders?sku=BO", position);
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
        position = receive(WH2, "BO", 2);
        assertThat(status(o1, position)).isEqualTo("ALLOCATED");
        assertThat(lineFigures(api.read("agent", "/api/orders/" + o2, position)))
                .isEqualTo(Map.of("BO", List.of(1L, 1L)));
        assertThat(waiting(api.read("agent", "/api/backorders?sku=BO", position)))
                .containsExactly(o2 + ":1", o3 + ":1");
        JsonNode level = api.read("agent", "/api/inventory/BO", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(4L, 4L, 0L);

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
        position = count(WH1, "BO", "A-01", 3, 1);
        assertThat(status(o2, position)).isEqualTo("ALLOCATED");
        assertThat(status(o3, position)).isEqualTo("BACKORDERED");
        assertThat(waiting(api.read("agent", "/api/backorders?sku=BO", position))).containsExactly(o3 + ":1");
        position = count(WH2, "BO", "B-01", 3, 1);
        assertThat(status(o3, position)).isEqualTo("ALLOCATED");
        assertThat(api.read("agent", "/api/backorders?sku=BO", position).path("total").asLong()).isEqualTo(0);
        assertThat(typesAndActors(history(o3, position))).containsSubsequence(
                "StockReserved:warehouse", "OrderLineAllocated:warehouse", "OrderAllocated:warehouse",
                "OrderReleased:warehouse", "ShipmentReleased:warehouse");
        level = api.read("agent", "/api/inventory/BO", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(6L, 6L, 0L);
    }

    @Test
    void cancellingReleasesEveryReservationAndTheUnitsGoToWhoWaits() {
        receive(WH1, "CXL", 2);
        receive(WH2, "CXL", 1);
        Api.Response placed = place("web", "cxl-a", "cust-cxl", "CXL", 3);
        String a = placed.json().path("orderId").asText();
        assertThat(placed.json().path("status").asText()).isEqualTo("ALLOCATED");
        Api.Response waitingOrder = place("app", "cxl-b", "cust-cxl", "CXL", 1);
        String b = waitingOrder.json().path("orderId").asText();
        assertThat(waitingOrder.json().path("status").asText()).isEqualTo("BACKORDERED");

        Api.Response cancelled = api.post("agent", "/api/orders/" + a + "/cancel",
                "{\"reason\":\"fraud suspected\"}", HttpStatus.OK);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        long position = cancelled.position();

        JsonNode order = api.read("agent", "/api/orders/" + a, position);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(lineFigures(order)).isEqualTo(Map.of("CXL", List.of(0L, 0L)));
        List<JsonNode> ledger = ledger("CXL", position);
        assertThat(ledger.stream().filter(entry -> entry.path("type").asText().equals("RELEASED")))
                .extracting(entry -> entry.path("warehouseId").asText() + ":" + entry.path("quantity").asLong()
                        + ":" + entry.path("reference").asText() + ":" + entry.path("actor").asText())
                .containsExactlyInAnyOrder(WH1 + ":2:" + a + ":agent", WH2 + ":1:" + a + ":agent");

        // The released units are available again, and the waiting order takes one of them at once.
        assertThat(status(b, position)).isEqualTo("ALLOCATED");
        JsonNode level = api.read("agent", "/api/inventory/CXL", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(3L, 1L, 2L);
        assertThat(api.read("agent", "/api/backorders?sku=CXL", position).path("total").asLong()).isEqualTo(0);

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
        receive(WH3, "CXB", 1);
        String first = place("web", "cxb-1", "cust-cxb", "CXB", 3).json().path("orderId").asText();
        Api.Response second = place("web", "cxb-2", "cust-cxb", "CXB", 2);
        String next = second.json().path("orderId").asText();
        assertThat(waiting(api.read("agent", "/api/backorders?sku=CXB", second.position())))
                .containsExactly(first + ":2", next + ":2");

        long position = api.post("agent", "/api/orders/" + first + "/cancel", "{\"reason\":\"too slow\"}",
                HttpStatus.OK).position();
        // Its one reserved unit went to the next in line; it no longer waits.
        assertThat(waiting(api.read("agent", "/api/backorders?sku=CXB", position))).containsExactly(next + ":1");
        assertThat(lineFigures(api.read("agent", "/api/orders/" + next, position)))
                .isEqualTo(Map.of("CXB", List.of(1L, 1L)));

        position = receive(WH3, "CXB", 5);
        assertThat(status(next, position)).isEqualTo("ALLOCATED");
        JsonNode cancelled = api.read("agent", "/api/orders/" + first, position);
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(lineFigures(cancelled)).isEqualTo(Map.of("CXB", List.of(0L, 0L)));
        JsonNode level = api.read("agent", "/api/inventory/CXB", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(6L, 2L, 4L);
        assertThat(typesAndActors(history(first, position))).endsWith("OrderCancelled:agent", "StockReleased:agent");
    }

    @Test
    void fortyOrdersFromFourChannelsRaceForTenUnits() throws Exception {
        receive(WH1, "RACE", 6);
        receive(WH2, "RACE", 4);
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

        JsonNode level = api.read("agent", "/api/inventory/RACE", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(10L, 10L, 0L);
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
        position = Math.max(receive(WH3, "RACE", 5), settled());
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
        receive(WH3, "SHORT", 3);
        String orderId = place("web", "short-1", "cust-short", "SHORT", 3).json().path("orderId").asText();
        // Two units are not there: the count revokes two of the order's three reserved units.
        count(WH3, "SHORT", "C-01", 1, -2);

        long position = api.post("agent", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"lost\"}",
                HttpStatus.OK).position();
        JsonNode level = api.read("agent", "/api/inventory/SHORT", position);
        assertThat(List.of(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong())).containsExactly(1L, 0L, 1L);
        assertThat(ledger("SHORT", position).stream().filter(entry -> entry.path("type").asText().equals("RELEASED")))
                .extracting(entry -> entry.path("quantity").asLong()).containsExactly(2L, 1L);

        // The allocation process goes on with other orders.
        Api.Response next = place("web", "short-2", "cust-short", "SHORT", 1);
        assertThat(next.json().path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(api.read("auditor", "/api/audit/inventory-consistency", next.position()).path("mismatches"))
                .isEmpty();
    }

    @Test
    void unitsACountTakesFromAnOrderAreReallocatedElsewhereOrBackordered() {
        receive(WH1, "TAKEN", 3);
        receive(WH2, "TAKEN", 1);
        String orderId = place("web", "taken-1", "cust-taken", "TAKEN", 3).json().path("orderId").asText();
        // All three come from WH1, the one warehouse that can fill the order. A count there finds one: the order loses
        // two, gets the unit WH2 holds and waits for the last, at its original turn.
        long position = count(WH1, "TAKEN", "A-01", 1, -2);

        JsonNode order = api.read("agent", "/api/orders/" + orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(lineFigures(order)).containsEntry("TAKEN", List.of(2L, 1L));
        assertThat(reservedByWarehouse("TAKEN", position)).containsEntry(WH1, 1L).containsEntry(WH2, 1L);
        assertThat(waiting(api.read("agent", "/api/backorders?sku=TAKEN", position))).containsExactly(orderId + ":1");
        assertThat(entries(history(orderId, position), "OrderLineDeallocated")).hasSize(1);

        assertThat(status(orderId, receive(WH2, "TAKEN", 1))).isEqualTo("ALLOCATED");
    }

    @Test
    void anOrderIsTakenWhileAllocationLagsAndAllocatedOnceItCatchesUp() {
        receive(WH1, "LAG", 1);
        StreamingEventProcessor allocation = app.bean(EventProcessingConfiguration.class)
                .eventProcessor(Processes.ORDER_ALLOCATION, StreamingEventProcessor.class).orElseThrow();
        allocation.shutDown();
        Api.Response placed;
        try {
            placed = place("web", "lag-1", "cust-lag", "LAG", 2);
            assertThat(placed.json().path("status").asText()).isEqualTo("PLACED");
            JsonNode order = api.read("agent", "/api/orders/" + placed.json().path("orderId").asText(),
                    placed.position());
            assertThat(order.path("status").asText()).isEqualTo("PLACED");
            assertThat(lineFigures(order)).isEqualTo(Map.of("LAG", List.of(0L, 0L)));
            // A receipt without receiptId is answered as done too: a 503 would invite sending it twice.
            receive(WH2, "LAG", 1);
        } finally {
            allocation.start();
        }
        long position = settled();
        String orderId = placed.json().path("orderId").asText();
        assertThat(status(orderId, position)).isEqualTo("ALLOCATED");
        assertThat(reservedByWarehouse("LAG", position)).isEqualTo(Map.of(WH1, 1L, WH2, 1L));
        assertThat(api.read("agent", "/api/inventory/LAG", position).path("onHand").asLong()).isEqualTo(2);
    }

    private static long settled() {
        return StoredEvents.settled(app);
    }

    private static long receive(String warehouseId, String sku, long quantity) {
        String location = Map.of(WH1, "A-01", WH2, "B-01", WH3, "C-01").get(warehouseId);
        return api.post("warehouse", "/api/warehouses/" + warehouseId + "/receipts", "{\"reference\":\"PO\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"location\":\"" + location
                + "\"}]}", HttpStatus.CREATED).position();
    }

    private static long count(String warehouseId, String sku, String location, long counted, long variance) {
        Api.Response answer = api.post("warehouse", "/api/warehouses/" + warehouseId + "/counts", "{\"sku\":\""
                + sku + "\",\"location\":\"" + location + "\",\"countedQuantity\":" + counted + "}", HttpStatus.OK);
        assertThat(answer.json().path("variance").asLong()).isEqualTo(variance);
        return answer.position();
    }

    private static Api.Response place(String channel, String externalOrderId, String customerId,
                                      Object... skuAndQuantity) {
        return api.post("channel", "/api/orders", order(channel, externalOrderId, customerId, skuAndQuantity)
                .toString(), HttpStatus.CREATED);
    }

    private static String status(String orderId, long position) {
        return api.read("agent", "/api/orders/" + orderId, position).path("status").asText();
    }

    private static long total(String path, long position) {
        return api.read("agent", path, position).path("total").asLong();
    }

    /** Per sku: [allocated, backordered]. */
    private static Map<String, List<Long>> lineFigures(JsonNode order) {
        Map<String, List<Long>> figures = new TreeMap<>();
        order.path("lines").forEach(line -> figures.put(line.path("sku").asText(),
                List.of(line.path("allocated").asLong(), line.path("backordered").asLong())));
        return figures;
    }

    private static Map<String, Long> reservedByWarehouse(String sku, long position) {
        Map<String, Long> reserved = new TreeMap<>();
        for (JsonNode warehouse : api.read("agent", "/api/inventory/" + sku, position).path("warehouses")) {
            assertThat(warehouse.path("available").asLong()).isEqualTo(warehouse.path("onHand").asLong()
                    - warehouse.path("reserved").asLong()).isGreaterThanOrEqualTo(0);
            reserved.put(warehouse.path("warehouseId").asText(), warehouse.path("reserved").asLong());
        }
        return reserved;
    }

    private static List<String> waiting(JsonNode backorders) {
        List<String> waiting = new ArrayList<>();
        backorders.path("items").forEach(item -> waiting.add(item.path("orderId").asText() + ":"
                + item.path("quantity").asLong()));
        return waiting;
    }

    private static JsonNode history(String orderId, long position) {
        return api.read("agent", "/api/orders/" + orderId + "/history?size=500", position);
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

    private static List<JsonNode> ledger(String sku, long position) {
        List<JsonNode> entries = new ArrayList<>();
        api.read("warehouse", "/api/inventory/" + sku + "/movements?size=500", position).path("items")
                .forEach(entries::add);
        return entries;
    }
}
