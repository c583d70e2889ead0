package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;

/**
 * Named steps for tests that walk orders through the warehouse over HTTP, so a long test reads as given (warehouses
 * and stock), when (place, pick, pack, ship, cancel, count) and then (what the read models show at a position).
 * A when-step asserts the command succeeded and answers the event position a following read waits for (or the
 * answer, where a test reads more of it); the same command named without "when" takes the status to assert, for
 * refusals. A test class extends it with the {@link Api} of its {@link EmbeddedSystem}, so its steps read without
 * a qualifier:
 *
 * <pre>
 * class FulfillmentProcessTest extends Journey {
 *     &#64;RegisterExtension
 *     static final EmbeddedSystem system = new EmbeddedSystem();
 *
 *     FulfillmentProcessTest() {
 *         super(system.api());
 *     }
 * }
 *
 * givenWarehouse("J-WH", "ann", "A-01");
 * givenStock("J-WH", "J-MUG", 5, "A-01");
 * Placed placed = whenPlaced("journey-1", "J-MUG", 2);
 * long position = whenPicked(nextTaskFor("J-WH", "ann"), 2);
 * assertThat(level("J-MUG", position)).isEqualTo(onHand(5).reserved(2).available(3));
 * </pre>
 */
abstract class Journey {

    /** The customer of the orders {@link #whenPlaced(String, Object...)} places. */
    static final String CUSTOMER = "cust-f";

    private final Api api;

    protected Journey(Api api) {
        this.api = api;
    }

    // ---------------------------------------------------------------- given

    /** A warehouse with these bins and one worker, named like their ids. */
    void givenWarehouse(String warehouseId, String workerId, String... locations) {
        api.post("warehouse", "/api/warehouses", "{\"warehouseId\":\"" + warehouseId + "\",\"name\":\"" + warehouseId
                + "\",\"locations\":[\"" + String.join("\",\"", locations) + "\"]}", HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/" + warehouseId + "/workers", "{\"workerId\":\"" + workerId
                + "\",\"name\":\"" + workerId + "\"}", HttpStatus.CREATED);
    }

    /** Receives {@code quantity} units of the sku into the bin; answers the position. */
    long givenStock(String warehouseId, String sku, long quantity, String location) {
        return api.post("warehouse", "/api/warehouses/" + warehouseId + "/receipts", "{\"reference\":\"PO\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"location\":\"" + location
                + "\"}]}", HttpStatus.CREATED).position();
    }

    // ---------------------------------------------------------------- when

    /** Stock arriving in the middle of a journey: a receipt, as {@link #givenStock}. */
    long whenStockArrives(String warehouseId, String sku, long quantity, String location) {
        return givenStock(warehouseId, sku, quantity, location);
    }

    /** A web order of {@link #CUSTOMER}; {@code skuAndQuantity} alternates sku and quantity. */
    Placed whenPlaced(String externalOrderId, Object... skuAndQuantity) {
        return whenPlaced(order("web", externalOrderId, CUSTOMER, skuAndQuantity));
    }

    Placed whenPlaced(ObjectNode order) {
        return new Placed(api.post("channel", "/api/orders", order.toString(), HttpStatus.CREATED));
    }

    /** What placing an order answered. */
    record Placed(Api.Response response) {

        String orderId() {
            return response.json().path("orderId").asText();
        }

        /** The status the answer tells. */
        String status() {
            return response.json().path("status").asText();
        }

        long position() {
            return response.position();
        }
    }

    long whenCancelled(String orderId, String reason) {
        return cancel(orderId, reason, HttpStatus.OK).position();
    }

    /** An agent cancels the order; asserts {@code status}. */
    Api.Response cancel(String orderId, String reason, HttpStatus status) {
        return api.post("agent", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"" + reason + "\"}", status);
    }

    /** The worker's next task (tasks/next), asserted to be there. */
    JsonNode nextTaskFor(String warehouseId, String workerId) {
        return nextTask(warehouseId, workerId, HttpStatus.OK).json();
    }

    /** The worker asks for the next task; asserts {@code status} (204: none left). */
    Api.Response nextTask(String warehouseId, String workerId, HttpStatus status) {
        return api.post("warehouse", "/api/warehouses/" + warehouseId + "/tasks/next", "{\"workerId\":\"" + workerId
                + "\"}", status);
    }

    /** Confirms {@code quantity} units of the task, by its assigned worker at its location; answers the position. */
    long whenPicked(JsonNode task, long quantity) {
        return api.post("warehouse", "/api/tasks/" + task.path("taskId").asText() + "/confirm", "{\"workerId\":\""
                + task.path("workerId").asText() + "\",\"location\":\"" + task.path("location").asText()
                + "\",\"quantity\":" + quantity + "}", HttpStatus.OK).position();
    }

    Api.Response whenPacked(String shipmentId, String cartons) {
        return pack(shipmentId, cartons, HttpStatus.OK);
    }

    Api.Response pack(String shipmentId, String cartons, HttpStatus status) {
        return api.post("warehouse", "/api/shipments/" + shipmentId + "/pack", cartons, status);
    }

    Api.Response whenShipped(String shipmentId, String carrier, String trackingNumber) {
        return ship(shipmentId, carrier, trackingNumber, HttpStatus.OK);
    }

    Api.Response ship(String shipmentId, String carrier, String trackingNumber, HttpStatus status) {
        return api.post("warehouse", "/api/shipments/" + shipmentId + "/ship", "{\"carrier\":\"" + carrier
                + "\",\"trackingNumber\":\"" + trackingNumber + "\"}", status);
    }

    /** The order is delivered (or refused: {@code status}); {@code body} may name deliveredAt. */
    Api.Response delivered(String orderId, String body, HttpStatus status) {
        return api.post("warehouse", "/api/orders/" + orderId + "/delivered", body, status);
    }

    /** Takes the worker's next task, asserted to be the shipment's, and picks, packs and ships it as below. */
    long whenPickedPackedAndShipped(String warehouseId, String workerId, String shipmentId, String sku, long units) {
        JsonNode task = nextTaskFor(warehouseId, workerId);
        assertThat(task.path("shipmentId").asText()).isEqualTo(shipmentId);
        return whenPickedPackedAndShipped(warehouseId, workerId, task, sku, units);
    }

    /**
     * Picks the task in full, packs it into one carton and ships it with DHL, tracking number
     * {@code warehouseId-workerId}; answers the position.
     */
    long whenPickedPackedAndShipped(String warehouseId, String workerId, JsonNode task, String sku, long units) {
        whenPicked(task, units);
        String shipmentId = task.path("shipmentId").asText();
        whenPacked(shipmentId, cartons(sku, units));
        return whenShipped(shipmentId, "DHL", warehouseId + "-" + workerId).position();
    }

    /** An agent opens a return (RMA) for the order; asserts {@code status}. */
    Api.Response requestReturn(String orderId, String body, HttpStatus status) {
        return api.post("agent", "/api/orders/" + orderId + "/returns", body, status);
    }

    /** The warehouse receives the returned goods of the RMA; asserts {@code status}. */
    Api.Response receiveReturn(String rmaId, String body, HttpStatus status) {
        return api.post("warehouse", "/api/returns/" + rmaId + "/receipt", body, status);
    }

    /** One carton holding {@code skuAndQuantity}: alternating sku and units. */
    static String cartons(Object... skuAndQuantity) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            lines.add("{\"sku\":\"" + skuAndQuantity[i] + "\",\"quantity\":" + skuAndQuantity[i + 1] + "}");
        }
        return "{\"cartons\":[{\"cartonId\":\"BOX-1\",\"weightGrams\":1200,\"lines\":[" + String.join(",", lines)
                + "]}]}";
    }

    /** A cycle count finding {@code countedQuantity} units; the answer's {@code expectVariance} checks the variance. */
    Counted whenCounted(String warehouseId, String sku, String location, long countedQuantity) {
        return new Counted(api.post("warehouse", "/api/warehouses/" + warehouseId + "/counts", "{\"sku\":\"" + sku
                + "\",\"location\":\"" + location + "\",\"countedQuantity\":" + countedQuantity + "}", HttpStatus.OK));
    }

    record Counted(Api.Response response) {

        /** Asserts the variance the count answered; answers the position. */
        long expectVariance(long variance) {
            assertThat(response.json().path("variance").asLong()).isEqualTo(variance);
            return response.position();
        }
    }

    // ---------------------------------------------------------------- then: what the read models show at a position

    JsonNode orderAt(String orderId, long position) {
        return api.read("agent", "/api/orders/" + orderId, position);
    }

    String status(String orderId, long position) {
        return orderAt(orderId, position).path("status").asText();
    }

    /** The order's history, oldest first. */
    JsonNode history(String orderId, long position) {
        return api.read("agent", "/api/orders/" + orderId + "/history?size=500", position);
    }

    /** The first page of the sku's backorder queue, longest waiting first. */
    JsonNode backorders(String sku, long position) {
        return api.read("agent", "/api/backorders?sku=" + sku, position);
    }

    /** The sku's level over all warehouses. */
    Level level(String sku, long position) {
        JsonNode level = api.read("agent", "/api/inventory/" + sku, position);
        return new Level(level.path("onHand").asLong(), level.path("reserved").asLong(),
                level.path("available").asLong());
    }

    /** A sku's figures, written {@code onHand(8).reserved(6).available(2)}. */
    record Level(long onHand, long reserved, long available) {

        static Level onHand(long onHand) {
            return new Level(onHand, 0, 0);
        }

        Level reserved(long units) {
            return new Level(onHand, units, available);
        }

        Level available(long units) {
            return new Level(onHand, reserved, units);
        }
    }

    /** Units per location of the sku, summed over all warehouses. */
    Map<String, Long> locations(String sku, long position) {
        Map<String, Long> locations = new TreeMap<>();
        api.read("agent", "/api/inventory/" + sku, position).path("warehouses").forEach(warehouse ->
                warehouse.path("locations").forEach(location -> locations.merge(location.path("location").asText(),
                        location.path("quantity").asLong(), Long::sum)));
        return locations;
    }

    /** The units of the sku reserved in each warehouse, whose available is checked to be onHand - reserved >= 0. */
    Map<String, Long> reservedByWarehouse(String sku, long position) {
        Map<String, Long> reserved = new TreeMap<>();
        for (JsonNode warehouse : api.read("agent", "/api/inventory/" + sku, position).path("warehouses")) {
            assertThat(warehouse.path("available").asLong()).isEqualTo(warehouse.path("onHand").asLong()
                    - warehouse.path("reserved").asLong()).isGreaterThanOrEqualTo(0);
            reserved.put(warehouse.path("warehouseId").asText(), warehouse.path("reserved").asLong());
        }
        return reserved;
    }

    /** The sku's stock ledger, oldest first. */
    List<JsonNode> ledger(String sku, long position) {
        List<JsonNode> entries = new ArrayList<>();
        api.read("auditor", "/api/inventory/" + sku + "/movements?size=500", position).path("items")
                .forEach(entries::add);
        return entries;
    }

    /** The warehouse's tasks with this status as sku@location x quantity, in hand-out order. */
    List<String> tasks(String warehouseId, String status, long position) {
        List<String> tasks = new ArrayList<>();
        api.read("warehouse", "/api/tasks?warehouseId=" + warehouseId + "&status=" + status, position).path("items")
                .forEach(task -> tasks.add(task.path("sku").asText() + "@" + task.path("location").asText() + "x"
                        + task.path("quantity").asLong()));
        return tasks;
    }

    /** Every read-model level equals what the event store gives. */
    void assertConsistent(long position) {
        api.read("auditor", "/api/inventory?size=1", position);
        JsonNode audit = api.get("auditor", "/api/audit/inventory-consistency", HttpStatus.OK).json();
        assertThat(audit.path("mismatches")).isEmpty();
    }
}
