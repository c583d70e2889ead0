package com.shipjoy.it;

import static com.shipjoy.it.FulfillmentProcessTest.Picking.tasksCompleted;
import static com.shipjoy.it.Journey.Level.onHand;
import static com.shipjoy.it.OrderJson.entries;
import static com.shipjoy.it.OrderJson.itemValues;
import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * Warehouse execution through HTTP (fulfillment execution, returns, the stock model, ledger, tasks,
 * orders and shipments): an order from placement through pick, pack, ship and delivery with exact figures at each
 * step, a split order, short picks, cancellation after a pick, returns and exchanges, labor figures. Each test has
 * warehouses and skus of its own, so tasks/next and the labor figures see only its work.
 */
class FulfillmentProcessTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final Api api = system.api();

    FulfillmentProcessTest() {
        super(api);
    }

    @Test
    void anOrderGoesFromPlacementThroughPickPackAndShipToDeliveryWithExactStock() {
        givenWarehouse("J-WH", "ann", "A-01", "A-02", "B-01");
        givenStock("J-WH", "J-MUG", 5, "A-02");
        givenStock("J-WH", "J-MUG", 3, "A-01");
        givenStock("J-WH", "J-TEE", 4, "B-01");

        Placed placed = whenPlaced("journey-1", "J-MUG", 6, "J-TEE", 1);
        assertThat(placed.status()).isEqualTo("ALLOCATED");
        String orderId = placed.orderId();
        long position = placed.position();

        // Released at once: one shipment, one task per sku and bin, bins in walking order, the order's units only.
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("shipments")).hasSize(1);
        JsonNode shipment = order.path("shipments").path(0);
        String shipmentId = shipment.path("shipmentId").asText();
        assertThat(shipment.path("warehouseId").asText()).isEqualTo("J-WH");
        assertThat(shipment.path("status").asText()).isEqualTo("RELEASED");
        assertThat(tasks("J-WH", "OPEN", position)).containsExactly("J-MUG@A-01x3", "J-MUG@A-02x3", "J-TEE@B-01x1");
        assertThat(level("J-MUG", position)).isEqualTo(onHand(8).reserved(6).available(2));

        delivered(orderId, "{}", HttpStatus.CONFLICT).problem();

        // Picking: each pick moves units from the bin to OUTBOUND; on-hand and reserved stay.
        JsonNode first = nextTaskFor("J-WH", "ann");
        assertThat(first.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(first.path("workerId").asText()).isEqualTo("ann");
        assertThat(first.path("location").asText()).isEqualTo("A-01");
        position = whenPicked(first, first.path("quantity").asLong());
        assertThat(status(orderId, position)).isEqualTo("PICKING");
        assertThat(locations("J-MUG", position)).isEqualTo(Map.of("A-02", 5L, "OUTBOUND", 3L));
        JsonNode picked = last(ledger("J-MUG", position));
        assertThat(picked.path("type").asText()).isEqualTo("PICKED");
        assertThat(List.of(picked.path("quantity").asLong(), picked.path("onHandAfter").asLong(),
                picked.path("reservedAfter").asLong())).containsExactly(3L, 8L, 6L);
        assertThat(picked.path("location").asText()).isEqualTo("A-01");
        assertThat(picked.path("toLocation").asText()).isEqualTo("OUTBOUND");
        assertThat(picked.path("reference").asText()).isEqualTo(orderId);
        assertThat(picked.path("actor").asText()).isEqualTo("warehouse");

        position = whenPicked(nextTaskFor("J-WH", "ann"), 3);
        position = whenPicked(nextTaskFor("J-WH", "ann"), 1);
        assertThat(nextTask("J-WH", "ann", HttpStatus.NO_CONTENT).status()).isEqualTo(204);
        assertThat(locations("J-MUG", position)).isEqualTo(Map.of("A-02", 2L, "OUTBOUND", 6L));
        assertThat(level("J-MUG", position)).isEqualTo(onHand(8).reserved(6).available(2));
        Instant afterPicks = Instant.now();
        order = orderAt(orderId, position);
        assertThat(order.path("shipments").path(0).path("status").asText()).isEqualTo("PICKED");
        assertThat(lineFigures(order, "picked")).isEqualTo(Map.of("J-MUG", 6L, "J-TEE", 1L));

        // Packing checks the cartons against what was picked; shipping needs a packed shipment.
        ship(shipmentId, "DHL", "JT-1", HttpStatus.CONFLICT).problem();
        pack(shipmentId, cartons("J-MUG", 5, "J-TEE", 1), HttpStatus.CONFLICT).problem();
        position = whenPacked(shipmentId, cartons("J-MUG", 6, "J-TEE", 1)).position();
        assertThat(status(orderId, position)).isEqualTo("PACKED");

        // Shipping: the units leave OUTBOUND, on-hand and reserved fall.
        position = whenShipped(shipmentId, "DHL", "JT-1").position();
        order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(order.path("shipments").path(0).path("carrier").asText()).isEqualTo("DHL");
        assertThat(order.path("shipments").path(0).path("trackingNumber").asText()).isEqualTo("JT-1");
        assertThat(lineFigures(order, "shipped")).isEqualTo(Map.of("J-MUG", 6L, "J-TEE", 1L));
        assertThat(level("J-MUG", position)).isEqualTo(onHand(2).reserved(0).available(2));
        assertThat(locations("J-MUG", position)).isEqualTo(Map.of("A-02", 2L));
        JsonNode shippedEntry = last(ledger("J-MUG", position));
        assertThat(shippedEntry.path("type").asText()).isEqualTo("SHIPPED");
        assertThat(List.of(shippedEntry.path("quantity").asLong(), shippedEntry.path("onHandAfter").asLong(),
                shippedEntry.path("reservedAfter").asLong())).containsExactly(6L, 2L, 0L);
        assertThat(shippedEntry.path("location").asText()).isEqualTo("OUTBOUND");
        assertThat(level("J-TEE", position)).isEqualTo(onHand(3).reserved(0).available(3));
        assertThat(api.get("auditor", "/api/inventory/J-MUG/movements?format=csv", HttpStatus.OK).text())
                .contains(",PICKED,3,A-01,OUTBOUND," + orderId + ",8,6,warehouse")
                .contains(",SHIPPED,6,OUTBOUND,," + orderId + ",2,0,warehouse");

        // Auditors rebuild the stock at any moment from the event store: units at OUTBOUND after the picks.
        JsonNode asOf = api.get("auditor", "/api/inventory/J-MUG/as-of?at=" + afterPicks, HttpStatus.OK).json();
        assertThat(List.of(asOf.path("onHand").asLong(), asOf.path("reserved").asLong())).containsExactly(8L, 6L);
        assertThat(asOf.path("warehouses").path(0).path("locations")).extracting(location ->
                location.path("location").asText() + "=" + location.path("quantity").asLong())
                .containsExactly("A-02=2", "OUTBOUND=6");
        asOf = api.get("auditor", "/api/inventory/J-MUG/as-of?at=" + Instant.now(), HttpStatus.OK).json();
        assertThat(List.of(asOf.path("onHand").asLong(), asOf.path("reserved").asLong())).containsExactly(2L, 0L);

        cancel(orderId, "too late", HttpStatus.CONFLICT).problem();
        position = delivered(orderId, "{\"deliveredAt\":\"2026-11-30T10:00:00Z\"}", HttpStatus.OK).position();
        assertThat(status(orderId, position)).isEqualTo("DELIVERED");

        // The timeline tells the whole story, in order, with who did what.
        JsonNode history = history(orderId, position);
        List<String> types = new ArrayList<>();
        history.path("items").forEach(entry -> types.add(entry.path("type").asText()));
        assertThat(types).containsSubsequence("OrderPlaced", "StockReserved", "OrderAllocated", "OrderReleased",
                "ShipmentReleased", "TaskAssigned", "TaskConfirmed", "StockPicked", "ShipmentPicked",
                "ShipmentPacked", "ShipmentShipped", "StockShipped", "OrderShipped", "OrderDelivered");
        assertThat(entries(history, "TaskConfirmed")).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.path("actor").asText()).isEqualTo("warehouse"));
        assertIncreasingPositions(history);
        assertConsistent(position);
    }

    @Test
    void aSplitOrderShipsFromTwoWarehousesPartiallyThenFully() {
        givenWarehouse("S-WH1", "sam", "A-01");
        givenWarehouse("S-WH2", "sue", "B-01");
        givenStock("S-WH1", "S-SKU", 2, "A-01");
        givenStock("S-WH2", "S-SKU", 3, "B-01");

        Placed placed = whenPlaced("split-1", "S-SKU", 5);
        String orderId = placed.orderId();
        JsonNode order = orderAt(orderId, placed.position());
        assertThat(order.path("shipments")).hasSize(2);
        Map<String, String> shipments = new TreeMap<>();
        order.path("shipments").forEach(shipment -> shipments.put(shipment.path("warehouseId").asText(),
                shipment.path("shipmentId").asText()));

        long position = whenPickedPackedAndShipped("S-WH1", "sam", shipments.get("S-WH1"), "S-SKU", 2);
        order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("PARTIALLY_SHIPPED");
        assertThat(lineFigures(order, "shipped")).isEqualTo(Map.of("S-SKU", 2L));
        delivered(orderId, "{}", HttpStatus.CONFLICT).problem();

        position = whenPickedPackedAndShipped("S-WH2", "sue", shipments.get("S-WH2"), "S-SKU", 3);
        order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(lineFigures(order, "shipped")).isEqualTo(Map.of("S-SKU", 5L));
        assertThat(level("S-SKU", position)).isEqualTo(onHand(0).reserved(0).available(0));
        assertConsistent(position);
    }

    @Test
    void withoutShipPartialNothingIsReleasedUntilTheWholeOrderIsAllocatedWithItWhatIsAllocatedIs() {
        givenWarehouse("PP-WH", "pam", "A-01");
        givenStock("PP-WH", "PP-SKU", 3, "A-01");
        String whole = whenPlaced("partial-no", "PP-SKU", 2, "PP-LATE", 1).orderId();
        var partial = order("web", "partial-yes", CUSTOMER, "PP-SKU", 1, "PP-LATE", 1);
        partial.put("shipPartial", true);
        Placed placed = whenPlaced(partial);
        String eager = placed.orderId();
        long position = placed.position();

        assertThat(orderAt(whole, position).path("shipments")).isEmpty();
        JsonNode order = orderAt(eager, position);
        assertThat(order.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(order.path("shipments")).hasSize(1);
        assertThat(tasks("PP-WH", "OPEN", position)).containsExactly("PP-SKU@A-01x1");

        // The late sku arrives: the first order is complete and released whole, the second releases the rest.
        position = whenStockArrives("PP-WH", "PP-LATE", 2, "A-01");
        assertThat(orderAt(whole, position).path("shipments")).hasSize(1);
        assertThat(orderAt(eager, position).path("shipments")).hasSize(2);
        List<String> open = tasks("PP-WH", "OPEN", position);
        assertThat(open).hasSize(4);
        // The older order's tasks come first (same bin: by task id), then the other order's two.
        assertThat(open.subList(0, 2)).containsExactly("PP-LATE@A-01x1", "PP-SKU@A-01x2");
        assertThat(open.subList(2, 4)).containsExactlyInAnyOrder("PP-LATE@A-01x1", "PP-SKU@A-01x1");
    }

    @Test
    void aShortPickAdjustsTheBinPicksTheRestElsewhereAndReallocatesWhatIsGone() {
        givenWarehouse("SP-WH1", "pat", "A-01", "A-02");
        givenWarehouse("SP-WH2", "pia", "B-01");
        givenStock("SP-WH1", "SP-SKU", 3, "A-01");
        givenStock("SP-WH1", "SP-SKU", 2, "A-02");
        givenStock("SP-WH2", "SP-SKU", 5, "B-01");

        // WH2 could fill it alone but WH1 is first by id: tasks A-01 x3, A-02 x1.
        Placed placed = whenPlaced("short-1", "SP-SKU", 4);
        String orderId = placed.orderId();
        long position = placed.position();
        assertThat(tasks("SP-WH1", "OPEN", position)).containsExactly("SP-SKU@A-01x3", "SP-SKU@A-02x1");

        // The picker finds 1 of 3 at A-01: A-01 is adjusted to 1 (ADJUSTED 2), that 1 is picked. WH1 then holds 3
        // for 4 reserved, so the order gives up 1 unit there (re-allocated from WH2), and the other missing unit is
        // picked from A-02 in a new task of the same shipment.
        JsonNode task = nextTaskFor("SP-WH1", "pat");
        assertThat(task.path("location").asText()).isEqualTo("A-01");
        position = whenPicked(task, 1);
        JsonNode done = taskById(task.path("taskId").asText(), position);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("pickedQuantity").asLong()).isEqualTo(1);
        assertThat(tasks("SP-WH1", "OPEN", position)).containsExactly("SP-SKU@A-02x1", "SP-SKU@A-02x1");
        List<JsonNode> movements = entriesFor(ledger("SP-SKU", position), "SP-WH1");
        assertThat(movements.subList(movements.size() - 3, movements.size()))
                .extracting(entry -> entry.path("type").asText() + ":" + entry.path("quantity").asLong() + ":"
                        + entry.path("onHandAfter").asLong() + "/" + entry.path("reservedAfter").asLong())
                .containsExactly("RELEASED:1:5/3", "ADJUSTED:2:3/3", "PICKED:1:3/3");
        assertThat(reservedByWarehouse("SP-SKU", position)).isEqualTo(Map.of("SP-WH1", 3L, "SP-WH2", 1L));
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("PICKING");
        assertThat(order.path("shipments")).hasSize(2);
        assertThat(tasks("SP-WH2", "OPEN", position)).containsExactly("SP-SKU@B-01x1");

        // The rest of WH1's shipment: 1 + 1 + 1 picked, packed and shipped; WH2 ships its 1.
        position = whenPicked(nextTaskFor("SP-WH1", "pat"), 1);
        position = whenPicked(nextTaskFor("SP-WH1", "pat"), 1);
        String wh1Shipment = task.path("shipmentId").asText();
        whenPacked(wh1Shipment, cartons("SP-SKU", 3));
        position = whenShipped(wh1Shipment, "UPS", "SP-1").position();
        assertThat(status(orderId, position)).isEqualTo("PARTIALLY_SHIPPED");
        String wh2Shipment = api.read("warehouse", "/api/tasks?warehouseId=SP-WH2", position).path("items").path(0)
                .path("shipmentId").asText();
        position = whenPickedPackedAndShipped("SP-WH2", "pia", wh2Shipment, "SP-SKU", 1);
        assertThat(status(orderId, position)).isEqualTo("SHIPPED");
        assertThat(level("SP-SKU", position)).isEqualTo(onHand(4).reserved(0).available(4));

        JsonNode labor = labor("SP-WH1", position);
        assertThat(labor.path("pat").path("tasksCompleted").asLong()).isEqualTo(3);
        assertThat(labor.path("pat").path("unitsPicked").asLong()).isEqualTo(3);
        assertThat(labor.path("pat").path("shortPicks").asLong()).isEqualTo(1);
        assertConsistent(position);
    }

    @Test
    void aShortPickWithNoStockLeftAnywhereBackordersTheShortfall() {
        givenWarehouse("SB-WH", "sid", "A-01");
        givenStock("SB-WH", "SB-SKU", 2, "A-01");
        String orderId = whenPlaced("short-2", "SB-SKU", 2).orderId();

        long position = whenPicked(nextTaskFor("SB-WH", "sid"), 0);
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(order.path("lines").path(0).path("backordered").asLong()).isEqualTo(2);
        assertThat(order.path("shipments").path(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(itemValues(backorders("SB-SKU", position), "orderId")).containsExactly(orderId);
        assertThat(level("SB-SKU", position)).isEqualTo(onHand(0).reserved(0).available(0));

        // New stock fills the backorder and releases a new shipment.
        position = whenStockArrives("SB-WH", "SB-SKU", 5, "A-01");
        order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(order.path("shipments")).hasSize(2);
        assertThat(tasks("SB-WH", "OPEN", position)).containsExactly("SB-SKU@A-01x2");
        assertConsistent(position);
    }

    /** Contract §4: units waiting for stock outrank picking and packing; only shipping outranks them. */
    @Test
    void aShortPickThatLeavesUnitsWaitingForStockShowsTheOrderBackorderedUntilSomethingShips() {
        givenWarehouse("SW-WH", "sal", "A-01");
        givenStock("SW-WH", "SW-SKU", 3, "A-01");
        String orderId = whenPlaced("short-3", "SW-SKU", 3).orderId();

        // The picker finds 1 of 3 and no bin anywhere holds the other 2: they wait for stock, the 1 goes on.
        long position = whenPicked(nextTaskFor("SW-WH", "sal"), 1);
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("lines").path(0).path("picked").asLong()).isEqualTo(1);
        assertThat(order.path("lines").path(0).path("backordered").asLong()).isEqualTo(2);
        assertThat(order.path("shipments").path(0).path("status").asText()).isEqualTo("PICKED");
        assertThat(order.path("status").asText()).isEqualTo("BACKORDERED");
        assertThat(itemValues(api.read("agent", "/api/orders?status=BACKORDERED&sku=SW-SKU", position), "orderId"))
                .containsExactly(orderId);

        String shipmentId = order.path("shipments").path(0).path("shipmentId").asText();
        position = whenPacked(shipmentId, cartons("SW-SKU", 1)).position();
        assertThat(status(orderId, position)).isEqualTo("BACKORDERED");
        position = whenShipped(shipmentId, "UPS", "SW-1").position();
        assertThat(status(orderId, position)).isEqualTo("PARTIALLY_SHIPPED");
    }

    @Test
    void cancellingAfterAPickCancelsOpenTasksAndPutsPickedUnitsBack() {
        givenWarehouse("C-WH", "cat", "A-01", "A-02");
        givenStock("C-WH", "C-SKU", 2, "A-01");
        givenStock("C-WH", "C-SKU", 2, "A-02");
        String orderId = whenPlaced("cancel-1", "C-SKU", 3).orderId();
        long position = whenPicked(nextTaskFor("C-WH", "cat"), 2);
        assertThat(locations("C-SKU", position)).isEqualTo(Map.of("A-02", 2L, "OUTBOUND", 2L));

        position = whenCancelled(orderId, "changed mind");
        JsonNode order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("shipments").path(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(tasks("C-WH", "OPEN", position)).isEmpty();
        assertThat(tasks("C-WH", "CANCELLED", position)).containsExactly("C-SKU@A-02x1");
        assertThat(locations("C-SKU", position)).isEqualTo(Map.of("A-01", 2L, "A-02", 2L));
        assertThat(level("C-SKU", position)).isEqualTo(onHand(4).reserved(0).available(4));
        List<JsonNode> movements = ledger("C-SKU", position);
        JsonNode back = movements.get(movements.size() - 2);
        assertThat(back.path("type").asText()).isEqualTo("MOVED");
        assertThat(back.path("location").asText()).isEqualTo("OUTBOUND");
        assertThat(back.path("toLocation").asText()).isEqualTo("A-01");
        assertThat(last(movements).path("type").asText()).isEqualTo("RELEASED");
        assertConsistent(position);
    }

    @Test
    void aRefundReturnPutsSellableUnitsBackAndWritesDamagedOnesOff() {
        givenWarehouse("R-WH", "rex", "A-01", "R-01");
        givenStock("R-WH", "R-SKU", 2, "A-01");
        String orderId = whenPlaced("return-1", "R-SKU", 2).orderId();
        String shipmentId = nextTaskFor("R-WH", "rex").path("shipmentId").asText();
        api.post("warehouse", "/api/tasks/" + shipmentId + ".1/confirm", "{\"workerId\":\"rex\",\"location\":"
                + "\"A-01\",\"quantity\":2}", HttpStatus.OK);
        whenPacked(shipmentId, cartons("R-SKU", 2));
        whenShipped(shipmentId, "DHL", "R-1");
        // Someone waits for R-SKU: the sellable unit coming back serves them.
        String waiting = whenPlaced("return-wait", "R-SKU", 1).orderId();

        requestReturn(orderId, returnBody("RMA-R0", "R-SKU", 3, "REFUND"), HttpStatus.CONFLICT).problem();
        requestReturn(orderId, returnBody("RMA-R0", "R-OTHER", 1, "REFUND"), HttpStatus.CONFLICT).problem();
        api.post("warehouse", "/api/orders/" + orderId + "/returns", returnBody("RMA-R0", "R-SKU", 1, "REFUND"),
                HttpStatus.FORBIDDEN).problem();
        Api.Response opened = requestReturn(orderId, returnBody("RMA-R1", "R-SKU", 2, "REFUND"), HttpStatus.CREATED);
        assertThat(opened.json().path("rmaId").asText()).isEqualTo("RMA-R1");
        requestReturn(orderId, returnBody("RMA-R1", "R-SKU", 2, "REFUND"), HttpStatus.OK);
        requestReturn(orderId, returnBody("RMA-R2", "R-SKU", 1, "REFUND"), HttpStatus.CONFLICT).problem();
        JsonNode order = orderAt(orderId, opened.position());
        assertThat(order.path("returns").path(0).path("status").asText()).isEqualTo("REQUESTED");
        JsonNode requested = api.read("warehouse", "/api/returns/RMA-R1", opened.position());
        assertThat(List.of(requested.path("orderId").asText(), requested.path("status").asText(),
                requested.path("reason").asText(), requested.path("lines").toString()))
                .containsExactly(orderId, "REQUESTED", "does not fit", "[{\"sku\":\"R-SKU\",\"quantity\":2}]");
        assertThat(requested.path("receivedLines")).isEmpty();
        api.get("agent", "/api/returns/RMA-R0", HttpStatus.NOT_FOUND).problem();
        api.get("channel", "/api/returns/RMA-R1", HttpStatus.FORBIDDEN).problem();

        receiveReturn("RMA-R1", "{\"warehouseId\":\"R-WH\",\"lines\":[{\"sku\":"
                + "\"R-SKU\",\"quantity\":3,\"condition\":\"SELLABLE\",\"location\":\"R-01\"}]}", HttpStatus.CONFLICT)
                .problem();
        long position = receiveReturn("RMA-R1", "{\"warehouseId\":\"R-WH\",\"lines\":["
                + "{\"sku\":\"R-SKU\",\"quantity\":1,\"condition\":\"SELLABLE\",\"location\":\"R-01\"},"
                + "{\"sku\":\"R-SKU\",\"quantity\":1,\"condition\":\"DAMAGED\",\"location\":\"R-01\"}]}", HttpStatus.OK)
                .position();
        order = orderAt(orderId, position);
        assertThat(order.path("status").asText()).isEqualTo("RETURNED");
        assertThat(lineFigures(order, "returned")).isEqualTo(Map.of("R-SKU", 2L));
        JsonNode rma = order.path("returns").path(0);
        assertThat(List.of(rma.path("rmaId").asText(), rma.path("status").asText(), rma.path("resolution").asText()))
                .containsExactly("RMA-R1", "RECEIVED", "REFUND");
        JsonNode received = api.read("agent", "/api/returns/RMA-R1", position);
        assertThat(received.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("receivedLines")).extracting(line -> line.path("quantity").asLong() + " "
                + line.path("condition").asText() + " at " + line.path("location").asText())
                .containsExactly("1 SELLABLE at R-01", "1 DAMAGED at R-01");
        assertThat(received.path("exchangeOrderId").isNull()).isTrue();
        List<JsonNode> movements = ledger("R-SKU", position);
        assertThat(movements).extracting(entry -> entry.path("type").asText() + ":" + entry.path("quantity").asLong()
                        + ":" + entry.path("onHandAfter").asLong() + ":" + entry.path("reference").asText())
                .contains("RETURNED:1:1:RMA-R1", "WRITTEN_OFF:1:1:RMA-R1");
        // The sellable unit went to the waiting order at once.
        assertThat(status(waiting, position)).isEqualTo("ALLOCATED");
        assertThat(level("R-SKU", position)).isEqualTo(onHand(1).reserved(1).available(0));
        assertThat(OrderJson.typesAndActors(history(orderId, position)))
                .contains("ReturnRequested:agent", "ReturnReceived:warehouse");
        assertConsistent(position);
    }

    @Test
    void anExchangeReturnPlacesTheExchangeOrderWhenTheGoodsArrive() {
        givenWarehouse("X-WH", "xia", "A-01");
        givenStock("X-WH", "X-RED", 1, "A-01");
        givenStock("X-WH", "X-BLUE", 1, "A-01");
        String orderId = whenPlaced("exchange-1", "X-RED", 1).orderId();
        whenPickedPackedAndShipped("X-WH", "xia", nextTaskFor("X-WH", "xia"), "X-RED", 1);

        requestReturn(orderId, returnBody("RMA-X0", "X-RED", 1, "EXCHANGE"), HttpStatus.BAD_REQUEST).problem();
        String body = "{\"rmaId\":\"RMA-X1\",\"lines\":[{\"sku\":\"X-RED\",\"quantity\":1}],"
                + "\"reason\":\"wrong colour\",\"resolution\":\"EXCHANGE\",\"exchangeLines\":[{\"sku\":\"X-BLUE\",\"quantity\":1}]}";
        long position = requestReturn(orderId, body, HttpStatus.CREATED).position();
        assertThat(orderAt(orderId, position).path("returns").path(0).path("exchangeOrderId").isNull()).isTrue();

        position = receiveReturn("RMA-X1", "{\"warehouseId\":\"X-WH\",\"lines\":[{\"sku\":"
                + "\"X-RED\",\"quantity\":1,\"condition\":\"SELLABLE\",\"location\":\"A-01\"}]}", HttpStatus.OK)
                .position();
        JsonNode rma = orderAt(orderId, position).path("returns").path(0);
        assertThat(rma.path("status").asText()).isEqualTo("RECEIVED");
        String exchangeId = rma.path("exchangeOrderId").asText();
        JsonNode exchanged = api.read("auditor", "/api/returns/RMA-X1", position);
        assertThat(List.of(exchanged.path("resolution").asText(), exchanged.path("exchangeLines").toString(),
                exchanged.path("exchangeOrderId").asText())).containsExactly("EXCHANGE",
                "[{\"sku\":\"X-BLUE\",\"quantity\":1}]", exchangeId);
        JsonNode exchange = orderAt(exchangeId, position);
        assertThat(exchange.path("channel").asText()).isEqualTo("exchange");
        assertThat(exchange.path("externalOrderId").asText()).isEqualTo("RMA-X1");
        assertThat(exchange.path("customer").path("customerId").asText()).isEqualTo(CUSTOMER);
        assertThat(exchange.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(exchange.path("lines").path(0).path("sku").asText()).isEqualTo("X-BLUE");
        assertThat(level("X-RED", position)).isEqualTo(onHand(1).reserved(0).available(1));
        assertThat(level("X-BLUE", position)).isEqualTo(onHand(1).reserved(1).available(0));
        assertConsistent(position);
    }

    @Test
    void laborFiguresCountEachWorkersTasksUnitsAndShortPicks() {
        givenWarehouse("L-WH", "lea", "A-01", "A-02", "A-03");
        api.post("warehouse", "/api/warehouses/L-WH/workers", "{\"workerId\":\"leo\",\"name\":\"Leo\"}",
                HttpStatus.CREATED);
        givenStock("L-WH", "L-SKU", 3, "A-01");
        givenStock("L-WH", "L-SKU", 2, "A-02");
        givenStock("L-WH", "L-OTHER", 2, "A-03");
        whenPlaced("labor-1", "L-SKU", 5, "L-OTHER", 2);

        whenPicked(nextTaskFor("L-WH", "lea"), 3);
        whenPicked(nextTaskFor("L-WH", "lea"), 2);
        long position = whenPicked(nextTaskFor("L-WH", "leo"), 1);
        JsonNode labor = labor("L-WH", position);
        assertThat(picking(labor.path("lea"))).isEqualTo(tasksCompleted(2).unitsPicked(5).shortPicks(0));
        assertThat(picking(labor.path("leo"))).isEqualTo(tasksCompleted(1).unitsPicked(1).shortPicks(1));
        // Units per hour comes from the exact active time; activeMinutes is shown rounded to 0.01.
        double minutes = labor.path("lea").path("activeMinutes").asDouble();
        assertThat(minutes).isGreaterThanOrEqualTo(0);
        if (minutes > 0) {
            assertThat(labor.path("lea").path("unitsPerHour").asDouble()).isBetween(5 * 60 / (minutes + 0.005),
                    5 * 60 / Math.max(minutes - 0.005, 1e-9));
        }
    }

    @Test
    void taskRulesAndRoles() {
        givenWarehouse("T-WH", "tom", "A-01");
        givenWarehouse("T-OTHER", "tim", "A-01");
        givenStock("T-WH", "T-SKU", 1, "A-01");
        whenPlaced("rules-1", "T-SKU", 1);
        String taskId = api.read("warehouse", "/api/tasks?warehouseId=T-WH&status=OPEN", api.head()).path("items")
                .path(0).path("taskId").asText();

        api.post("warehouse", "/api/tasks/" + taskId + "/assign", "{\"workerId\":\"tim\"}", HttpStatus.CONFLICT)
                .problem();
        api.post("channel", "/api/tasks/" + taskId + "/assign", "{\"workerId\":\"tom\"}", HttpStatus.FORBIDDEN)
                .problem();
        api.post("warehouse", "/api/tasks/no-such-task/assign", "{\"workerId\":\"tom\"}", HttpStatus.NOT_FOUND)
                .problem();
        api.post("warehouse", "/api/tasks/" + taskId + "/confirm", "{\"workerId\":\"tom\",\"location\":\"A-01\","
                + "\"quantity\":1}", HttpStatus.CONFLICT).problem();
        api.post("warehouse", "/api/tasks/" + taskId + "/assign", "{\"workerId\":\"tom\"}", HttpStatus.OK);
        api.post("warehouse", "/api/tasks/" + taskId + "/assign", "{\"workerId\":\"tom\"}", HttpStatus.CONFLICT)
                .problem();
        api.post("warehouse", "/api/warehouses/T-WH/tasks/next", "{\"workerId\":\"tim\"}", HttpStatus.CONFLICT)
                .problem();
        api.post("warehouse", "/api/warehouses/T-NONE/tasks/next", "{\"workerId\":\"tim\"}", HttpStatus.NOT_FOUND)
                .problem();
        api.post("warehouse", "/api/tasks/" + taskId + "/confirm", "{\"workerId\":\"tom\",\"location\":\"A-01\","
                + "\"quantity\":-1}", HttpStatus.BAD_REQUEST).problem();
        api.post("auditor", "/api/tasks/" + taskId + "/confirm", "{\"workerId\":\"tom\",\"location\":\"A-01\","
                + "\"quantity\":1}", HttpStatus.FORBIDDEN).problem();
        api.post("warehouse", "/api/shipments/no-such-shipment/pack", cartons("T-SKU", 1), HttpStatus.NOT_FOUND)
                .problem();
    }

    // --- helpers ---

    private static String returnBody(String rmaId, String sku, long quantity, String resolution) {
        return "{\"rmaId\":\"" + rmaId + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + "}],\"reason\":\"does not fit\",\"resolution\":\"" + resolution + "\"}";
    }

    private static JsonNode taskById(String taskId, long position) {
        return api.read("warehouse", "/api/tasks/" + taskId, position);
    }

    private static List<JsonNode> entriesFor(List<JsonNode> ledger, String warehouseId) {
        return ledger.stream().filter(entry -> entry.path("warehouseId").asText().equals(warehouseId)).toList();
    }

    private static JsonNode last(List<JsonNode> entries) {
        return entries.get(entries.size() - 1);
    }

    /** Per sku, the line figure {@code field} (picked, shipped, returned, …). */
    private static Map<String, Long> lineFigures(JsonNode order, String field) {
        Map<String, Long> figures = new TreeMap<>();
        order.path("lines").forEach(line -> figures.put(line.path("sku").asText(), line.path(field).asLong()));
        return figures;
    }

    /** Labor figures of the warehouse, by worker, over a day either side of now (a run may cross UTC midnight). */
    private static JsonNode labor(String warehouseId, long position) {
        com.fasterxml.jackson.databind.node.ObjectNode byWorker = OrderJson.JSON.createObjectNode();
        Instant now = Instant.now();
        api.read("viewer", "/api/kpis/labor?warehouseId=" + warehouseId + "&from=" + now.minus(Duration.ofDays(1))
                + "&to=" + now.plus(Duration.ofDays(1)), position).path("items")
                .forEach(item -> byWorker.set(item.path("workerId").asText(), item));
        return byWorker;
    }

    /** A worker's labor counts, written {@code tasksCompleted(2).unitsPicked(5).shortPicks(0)}. */
    record Picking(long tasksCompleted, long unitsPicked, long shortPicks) {

        static Picking tasksCompleted(long tasks) {
            return new Picking(tasks, 0, 0);
        }

        Picking unitsPicked(long units) {
            return new Picking(tasksCompleted, units, shortPicks);
        }

        Picking shortPicks(long picks) {
            return new Picking(tasksCompleted, unitsPicked, picks);
        }
    }

    private static Picking picking(JsonNode worker) {
        return new Picking(worker.path("tasksCompleted").asLong(), worker.path("unitsPicked").asLong(),
                worker.path("shortPicks").asLong());
    }

    private static void assertIncreasingPositions(JsonNode history) {
        long previous = 0;
        for (JsonNode entry : history.path("items")) {
            assertThat(entry.path("position").asLong()).isGreaterThan(previous);
            previous = entry.path("position").asLong();
        }
    }
}
