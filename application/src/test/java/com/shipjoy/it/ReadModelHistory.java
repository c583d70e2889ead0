package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A history that gives every read model something to show (receipts, moves and counts in two warehouses, an order
 * picked short, packed, shipped and partly returned), and every read-model answer there is for it: what tests that
 * rebuild or re-process read models compare before and after.
 */
final class ReadModelHistory {

    /** O-P's shipment: its id is derived from the order (see Order.releaseAllocated). */
    static final String SP = UUID.nameUUIDFromBytes("O-P/shipment/1".getBytes(StandardCharsets.UTF_8)).toString();

    /** A fixed KPI window around the test's run, so that the answers do not change with the clock. */
    static final String WINDOW = "from=" + Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1))
            + "&to=" + Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1));

    private ReadModelHistory() {
    }

    /** Builds the history through {@code api}. */
    static void build(Api api) {
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
        count(api, "W1", "SKU-1", "A-02", 3);
        count(api, "W1", "SKU-2", "A-01", 5);
        count(api, "W2", "SKU-1", "B-02", 6);
        count(api, "W1", "SKU-3", "A-03", 2);
        api.post("warehouse", wh + "/W1/receipts", InventoryApiTest.receipt("R3", "SKU-2", 1, "A-02"),
                HttpStatus.CREATED);
        api.post("admin", wh + "/W1/moves", InventoryApiTest.move("SKU-1", 3, "A-03", "A-01"), HttpStatus.OK);
        count(api, "W1", "SKU-1", "A-03", 1);
        count(api, "W1", "SKU-3", "A-03", 0);
        api.post("warehouse", wh + "/W2/moves", InventoryApiTest.move("SKU-1", 6, "B-02", "B-01"), HttpStatus.OK);
        fulfil(api);
    }

    /** An order of 3 SKU-P picked short (2 found), packed and shipped, through the API. */
    private static void fulfil(Api api) {
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

    private static void count(Api api, String warehouse, String sku, String location, long counted) {
        api.post("warehouse", "/api/warehouses/" + warehouse + "/counts",
                "{\"sku\":\"%s\",\"location\":\"%s\",\"countedQuantity\":%d}".formatted(sku, location, counted),
                HttpStatus.OK);
    }

    /** The paths of every read-model answer there is for this history. */
    static final List<String> PATHS = List.of("/api/inventory/SKU-1", "/api/inventory/SKU-2",
            "/api/inventory/SKU-3", "/api/inventory?size=500", "/api/inventory?warehouseId=W2&size=500",
            "/api/inventory?maxAvailable=5&size=500", "/api/inventory/SKU-1/movements?size=500",
            "/api/inventory/SKU-2/movements?size=500", "/api/inventory/SKU-3/movements?size=500",
            "/api/inventory/SKU-1/movements?format=csv", "/api/inventory/SKU-1/movements?warehouseId=W2",
            "/api/inventory/SKU-P", "/api/inventory/SKU-P/movements?size=500", "/api/orders/O-P",
            "/api/orders/O-P/history?size=500", "/api/orders?size=500", "/api/backorders", "/api/tasks?size=500",
            "/api/tasks/" + SP + ".1", "/api/shipments/" + SP, "/api/returns/RMA-P",
            "/api/kpis/labor?size=500&" + WINDOW, "/api/kpis?" + WINDOW, "/api/kpis?warehouseId=W1&" + WINDOW,
            "/api/kpis?warehouseId=W2&" + WINDOW, "/api/warehouses", "/api/warehouses/W1");

    /** {@code path} waiting for the read model to reach {@code position}. */
    static String at(String path, long position) {
        return path + (path.contains("?") ? "&" : "?") + "minPosition=" + position;
    }

    /** Every answer of {@link #PATHS}, once the read models have caught up with the head. */
    static Map<String, String> answers(Api api) {
        long head = api.head();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : PATHS) {
            answers.put(path, api.get("auditor", at(path, head), HttpStatus.OK).text());
        }
        return answers;
    }
}
