package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;

/**
 * What must hold after trouble under a {@link CommandMix} load (clients hanging up mid-command, a shutdown): the
 * system still takes a command of every kind, and every read model agrees with the event store and with what the
 * clients were told.
 */
final class Aftermath {

    static final String FRESH_WH = "FRESH-WH";
    static final String FRESH_SKU = "FRESH-1";
    private static final String FAR_FUTURE = "2999-01-01T00:00:00Z";
    private static final int PAGE = 500;

    private Aftermath() {
    }

    /**
     * A fresh command of every kind succeeds: warehouse, locations, worker, receipt, move, count, order, pick
     * (tasks/next and confirm), pack, ship, delivery, cancel, and receipts and an order for the busy warehouse.
     */
    static void everyCommandWorks(EmbeddedApp app, Api api, CommandMix mix) {
        try {
            // First a command no process reacts to: on a closed event store it fails here at once, with its 500.
            api.post("warehouse", "/api/warehouses", "{\"warehouseId\":\"" + FRESH_WH + "\",\"name\":\"Fresh\","
                    + "\"locations\":[\"A-01\"]}", HttpStatus.CREATED);
        } catch (AssertionError e) {
            throw new AssertionError("A fresh command failed after the load (" + mix.summary() + "; first 5xx: "
                    + mix.serverErrors.stream().limit(3).toList() + "): " + e.getMessage(), e);
        }
        // Hung-up commands may still be finishing on the server: let them and the processes settle, so the answers
        // below carry their own reactions (an order ALLOCATED, its shipment released).
        quiet(app);
        String warehouse = "/api/warehouses/" + FRESH_WH;
        api.post("warehouse", warehouse + "/locations", "{\"locations\":[\"A-02\"]}", HttpStatus.OK);
        api.post("warehouse", warehouse + "/workers", "{\"workerId\":\"fresh-w\",\"name\":\"Fresh\"}",
                HttpStatus.CREATED);
        api.post("warehouse", warehouse + "/receipts", "{\"receiptId\":\"FRESH-R1\",\"reference\":\"PO-F\","
                + "\"lines\":[{\"sku\":\"" + FRESH_SKU + "\",\"quantity\":10,\"location\":\"A-01\"}]}",
                HttpStatus.CREATED);
        api.post("warehouse", warehouse + "/moves", "{\"sku\":\"" + FRESH_SKU + "\",\"quantity\":4,\"from\":\"A-01\","
                + "\"to\":\"A-02\"}", HttpStatus.OK);
        assertThat(api.post("warehouse", warehouse + "/counts", "{\"sku\":\"" + FRESH_SKU + "\",\"location\":"
                + "\"A-02\",\"countedQuantity\":5,\"reason\":\"recount\"}", HttpStatus.OK).json()
                .path("variance").asLong()).isEqualTo(1);

        // Only the fresh warehouse holds the sku: the order is allocated there, one task, picked, packed, shipped.
        Api.Response placed = api.post("channel", "/api/orders",
                order("fresh", "F-1", "fresh-c", FRESH_SKU, 3).toString(), HttpStatus.CREATED);
        assertThat(placed.json().path("status").asText()).isEqualTo("ALLOCATED");
        String orderId = placed.json().path("orderId").asText();
        JsonNode task = api.post("warehouse", warehouse + "/tasks/next", "{\"workerId\":\"fresh-w\"}", HttpStatus.OK)
                .json();
        assertThat(task.path("orderId").asText()).isEqualTo(orderId);
        assertThat(task.path("quantity").asLong()).isEqualTo(3);
        api.post("warehouse", "/api/tasks/" + task.path("taskId").asText() + "/confirm", "{\"workerId\":\"fresh-w\","
                + "\"location\":\"" + task.path("location").asText() + "\",\"quantity\":3}", HttpStatus.OK);
        String shipment = "/api/shipments/" + task.path("shipmentId").asText();
        api.post("warehouse", shipment + "/pack", "{\"cartons\":[{\"cartonId\":\"BOX-F\",\"weightGrams\":900,"
                + "\"lines\":[{\"sku\":\"" + FRESH_SKU + "\",\"quantity\":3}]}]}", HttpStatus.OK);
        api.post("warehouse", shipment + "/ship", "{\"carrier\":\"DHL\",\"trackingNumber\":\"F-1\"}", HttpStatus.OK);
        long position = api.post("warehouse", "/api/orders/" + orderId + "/delivered", "{}", HttpStatus.OK)
                .position();
        assertThat(api.read("agent", "/api/orders/" + orderId, position).path("status").asText())
                .isEqualTo("DELIVERED");

        String second = api.post("channel", "/api/orders", order("fresh", "F-2", "fresh-c", FRESH_SKU, 1).toString(),
                HttpStatus.CREATED).json().path("orderId").asText();
        assertThat(api.post("agent", "/api/orders/" + second + "/cancel", "{\"reason\":\"fresh cancel\"}",
                HttpStatus.OK).json().path("status").asText()).isEqualTo("CANCELLED");

        // The stocks the load hammered take commands too.
        for (String sku : CommandMix.SKUS) {
            api.post("warehouse", "/api/warehouses/" + CommandMix.WAREHOUSE + "/receipts", "{\"receiptId\":\"FRESH-R-"
                    + sku + "\",\"reference\":\"PO-F\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":5,"
                    + "\"location\":\"A-03\"}]}", HttpStatus.CREATED);
        }
        assertThat(api.post("channel", "/api/orders", order("fresh", "F-3", "fresh-c", CommandMix.SKUS.get(0), 2)
                .toString(), HttpStatus.CREATED).json().path("status").asText()).isIn("ALLOCATED", "BACKORDERED");
    }

    /**
     * Waits until nothing is stored any more and the allocation process has handled everything (bounded); answers
     * that head.
     */
    static long quiet(EmbeddedApp app) {
        long head = StoredEvents.settled(app);
        for (int round = 0; round < 20; round++) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            long again = StoredEvents.settled(app);
            if (again == head) {
                return head;
            }
            head = again;
        }
        throw new AssertionError("The event store kept growing after the load");
    }

    /** Read models, event store and what the clients were told agree, as of {@code head}. */
    static void assertConsistent(Api api, long head, CommandMix mix) {
        JsonNode audit = api.read("auditor", "/api/audit/inventory-consistency", head);
        assertThat(audit.path("mismatches")).as("consistency audit: %s", audit).isEmpty();
        assertThat(audit.path("checked").asLong()).isGreaterThan(CommandMix.SKUS.size());

        assertOrdersSettled(api, head, mix);

        for (String sku : Stream.concat(CommandMix.SKUS.stream(), Stream.of(FRESH_SKU)).toList()) {
            JsonNode level = api.read("auditor", "/api/inventory/" + sku, head);
            JsonNode asOf = api.read("auditor", "/api/inventory/" + sku + "/as-of?at=" + FAR_FUTURE, head);
            assertThat(figures(level)).as("read model (left) vs event store of %s", sku).isEqualTo(figures(asOf));

            // The ledger adds up to the same stock, and holds every receipt a client was told was stored.
            List<JsonNode> ledger = pages(api, "auditor", "/api/inventory/" + sku + "/movements", head);
            Map<String, Long> added = new TreeMap<>();
            Map<String, Long> lastAfter = new TreeMap<>();
            Set<String> received = new TreeSet<>();
            for (JsonNode entry : ledger) {
                String warehouse = entry.path("warehouseId").asText();
                long quantity = entry.path("quantity").asLong();
                long change = switch (entry.path("type").asText()) {
                    case "RECEIVED", "RETURNED" -> quantity;
                    case "SHIPPED" -> -quantity;
                    case "ADJUSTED" -> entry.path("onHandAfter").asLong() - lastAfter.getOrDefault(warehouse, 0L);
                    default -> 0;
                };
                added.merge(warehouse, change, Long::sum);
                lastAfter.put(warehouse, entry.path("onHandAfter").asLong());
                if (entry.path("type").asText().equals("RECEIVED")) {
                    received.add(entry.path("reference").asText() + ":" + quantity + "@" + entry.path("location")
                            .asText());
                }
            }
            Map<String, Long> onHand = new TreeMap<>();
            level.path("warehouses").forEach(warehouse -> onHand.put(warehouse.path("warehouseId").asText(),
                    warehouse.path("onHand").asLong()));
            assertThat(added).as("receipts minus shipments in the ledger of %s", sku).isEqualTo(onHand);
            assertThat(lastAfter).as("last onHandAfter in the ledger of %s", sku).isEqualTo(onHand);
            assertThat(received).as("receipts of %s answered 2xx", sku).containsAll(mix.receipts.entrySet().stream()
                    .filter(receipt -> receipt.getValue().sku().equals(sku))
                    .map(receipt -> receipt.getKey() + ":" + receipt.getValue().quantity() + "@"
                            + receipt.getValue().location())
                    .toList());
        }
    }

    /**
     * Every order is where the allocation process leaves it: cancelled, or each line's units allocated or
     * backordered; every order and cancellation a client was told of is there.
     */
    private static void assertOrdersSettled(Api api, long head, CommandMix mix) {
        Map<String, JsonNode> orders = new TreeMap<>();
        pages(api, "agent", "/api/orders", head).forEach(order -> orders.put(order.path("orderId").asText(), order));
        assertThat(orders.keySet()).as("orders answered 2xx").containsAll(mix.orders);
        assertThat(mix.cancelled).as("cancellations answered 2xx")
                .allSatisfy(orderId -> assertThat(orders.get(orderId).path("status").asText()).isEqualTo("CANCELLED"));
        List<String> unsettled = new ArrayList<>();
        for (JsonNode order : orders.values()) {
            String status = order.path("status").asText();
            if (status.equals("CANCELLED")) {
                continue;
            }
            for (JsonNode line : order.path("lines")) {
                if (status.equals("PLACED") || line.path("allocated").asLong() + line.path("backordered").asLong()
                        != line.path("quantity").asLong()) {
                    unsettled.add(order.path("orderId").asText() + " " + status + " " + line);
                }
            }
        }
        assertThat(unsettled).as("orders neither cancelled nor allocated or backordered in full").isEmpty();
    }

    /**
     * A level as comparable figures: totals, and per warehouse its totals and each location's units (zeros left
     * out, so a location emptied and one never used read the same).
     */
    private static Map<String, Long> figures(JsonNode level) {
        Map<String, Long> figures = new TreeMap<>();
        put(figures, "onHand", level.path("onHand").asLong());
        put(figures, "reserved", level.path("reserved").asLong());
        put(figures, "available", level.path("available").asLong());
        for (JsonNode warehouse : level.path("warehouses")) {
            String id = warehouse.path("warehouseId").asText();
            put(figures, id + ".onHand", warehouse.path("onHand").asLong());
            put(figures, id + ".reserved", warehouse.path("reserved").asLong());
            for (JsonNode location : warehouse.path("locations")) {
                put(figures, id + "@" + location.path("location").asText(), location.path("quantity").asLong());
            }
        }
        return figures;
    }

    private static void put(Map<String, Long> figures, String key, long value) {
        if (value != 0) {
            figures.put(key, value);
        }
    }

    /** Every item of a list endpoint, page by page. */
    private static List<JsonNode> pages(Api api, String user, String path, long head) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = api.read(user, path + "?size=" + PAGE + "&page=" + page, head);
            answer.path("items").forEach(items::add);
            if (answer.path("items").size() < PAGE || items.size() >= answer.path("total").asLong()) {
                return items;
            }
        }
    }
}
