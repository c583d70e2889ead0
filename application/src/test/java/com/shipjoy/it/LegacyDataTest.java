package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipjoy.projections.ReadModels;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * Events an earlier build stored still load: this build opens a data directory made by the build of 9340041
 * (resources/legacy: two warehouses, receipts, a move, a count, orders delivered and returned, a short pick, a
 * backorder, a cancellation, an exchange). Its read models are rebuilt from the old events alone, and commands load
 * the old aggregates and go on from where they were.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyDataTest {

    @RegisterExtension
    static final EmbeddedSystem system = EmbeddedSystem.onCopyOf("/legacy/data-9340041.zip");
    static final Api api = system.api();

    @Test
    @Order(1)
    void readModelsRebuiltFromTheOldEventsAlone() throws InterruptedException {
        EventProcessingConfiguration processing = system.app().bean(EventProcessingConfiguration.class);
        for (String readModel : ReadModels.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(readModel, StreamingEventProcessor.class)
                    .orElseThrow();
            // Shut down while still starting, a processor frees its segment and stays stopped after start().
            for (int wait = 0; processor.processingStatus().isEmpty() && wait < 500; wait++) {
                Thread.sleep(20);
            }
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        long head = api.head();

        Map<String, JsonNode> orders = orders(head);
        assertThat(orders.keySet()).containsExactlyInAnyOrder("LG-1", "LG-2", "LG-3", "LG-4", "LG-5", "LG-RMA-2");
        assertThat(figures(orders.get("LG-1"))).isEqualTo("DELIVERED LG-MUG:3/3/0/3/3/2 SHIPPED RECEIVED");
        // PICKING when it was stored: the old build ranked picking above waiting for stock.
        assertThat(figures(orders.get("LG-2"))).isEqualTo("BACKORDERED LG-TEE:2/1/1/1/0/0 PICKED");
        assertThat(figures(orders.get("LG-3"))).isEqualTo("BACKORDERED LG-MUG:30/10/20/0/0/0");
        assertThat(figures(orders.get("LG-4"))).isEqualTo("CANCELLED LG-MUG:1/0/0/0/0/0");
        assertThat(figures(orders.get("LG-5"))).isEqualTo("RETURNED LG-MUG:1/1/0/1/1/1 SHIPPED RECEIVED");
        assertThat(figures(orders.get("LG-RMA-2"))).isEqualTo("BACKORDERED LG-TEE:1/0/1/0/0/0");
        assertThat(orders.get("LG-5").path("returns").path(0).path("exchangeOrderId").asText())
                .isEqualTo(orders.get("LG-RMA-2").path("orderId").asText());

        assertThat(level("LG-MUG", head)).isEqualTo("10/10 LG-WH1:A-01=5,A-02=3 LG-WH2:B-01=2");
        assertThat(level("LG-TEE", head)).isEqualTo("1/1 LG-WH1:OUTBOUND=1");
        // LG-1 and LG-5 reserved, picked, shipped and returned (one unit written off); LG-3 reserved what was left.
        assertThat(OrderJson.itemValues(api.read("auditor", "/api/inventory/LG-MUG/movements?size=500", head),
                "type")).containsExactly("RECEIVED", "RECEIVED", "MOVED", "RESERVED", "PICKED", "SHIPPED",
                "RETURNED", "WRITTEN_OFF", "RESERVED", "PICKED", "SHIPPED", "RETURNED", "RESERVED", "RESERVED");
        assertThat(api.read("agent", "/api/orders/" + id(orders, "LG-1") + "/history?size=500", head)
                .path("total").asLong()).isGreaterThan(10);
        // Labor is windowed: the days around the old data's first event.
        Instant made = Instant.parse(api.read("agent", "/api/orders/" + id(orders, "LG-1") + "/history?size=1", head)
                .path("items").path(0).path("timestamp").asText()).truncatedTo(ChronoUnit.DAYS);
        assertThat(api.read("viewer", "/api/kpis/labor?warehouseId=LG-WH1&from=" + made + "&to="
                + made.plus(Duration.ofDays(2)), head).path("items").path(0).path("tasksCompleted").asLong())
                .isEqualTo(3);
        // The warehouses read model is younger than the data: it too is built from the old events alone.
        JsonNode warehouses = api.read("viewer", "/api/warehouses", head);
        assertThat(OrderJson.itemValues(warehouses, "warehouseId")).containsExactly("LG-WH1", "LG-WH2");
        assertThat(warehouses.path("items").path(0).path("locations")).extracting(JsonNode::asText)
                .contains("A-01", "A-02", "OUTBOUND");
        assertThat(warehouses.path("items").path(0).path("workers")).isNotEmpty();
    }

    @Test
    @Order(2)
    void commandsLoadTheOldAggregatesAndGoOnFromWhereTheyWere() {
        Map<String, JsonNode> orders = orders(api.head());

        // Order: one of LG-1's three units is neither returned nor in an open return, so two are refused.
        String lg1 = "/api/orders/" + id(orders, "LG-1") + "/returns";
        api.post("agent", lg1, "{\"lines\":[{\"sku\":\"LG-MUG\",\"quantity\":2}],\"reason\":\"r\","
                + "\"resolution\":\"REFUND\"}", HttpStatus.CONFLICT).problem();
        api.post("agent", lg1, "{\"rmaId\":\"LG-RMA-1\",\"lines\":[{\"sku\":\"LG-MUG\",\"quantity\":2}],"
                + "\"reason\":\"chipped\",\"resolution\":\"REFUND\"}", HttpStatus.OK);
        api.post("agent", lg1, "{\"lines\":[{\"sku\":\"LG-MUG\",\"quantity\":1}],\"reason\":\"r\","
                + "\"resolution\":\"REFUND\"}", HttpStatus.CREATED);

        // Receipt and Stock: the same receipt again stores nothing; new stock serves the oldest backorder first.
        api.post("warehouse", "/api/warehouses/LG-WH1/receipts", "{\"receiptId\":\"LG-R1\",\"reference\":\"PO-1\","
                + "\"lines\":[{\"sku\":\"LG-MUG\",\"quantity\":10,\"location\":\"A-01\"},{\"sku\":\"LG-TEE\","
                + "\"quantity\":3,\"location\":\"A-02\"}]}", HttpStatus.OK);
        long position = api.post("warehouse", "/api/warehouses/LG-WH1/receipts", "{\"reference\":\"PO-3\","
                + "\"lines\":[{\"sku\":\"LG-MUG\",\"quantity\":20,\"location\":\"A-01\"},{\"sku\":\"LG-TEE\","
                + "\"quantity\":1,\"location\":\"A-02\"}]}", HttpStatus.CREATED).position();
        orders = orders(position);
        assertThat(orders.get("LG-3").path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(orders.get("LG-2").path("lines").path(0).path("backordered").asLong()).isZero();

        // Shipment: LG-2's picked unit is packed and shipped.
        String shipment = orders.get("LG-2").path("shipments").path(0).path("shipmentId").asText();
        api.post("warehouse", "/api/shipments/" + shipment + "/pack", "{\"cartons\":[{\"cartonId\":\"LG-BOX\","
                + "\"weightGrams\":300,\"lines\":[{\"sku\":\"LG-TEE\",\"quantity\":1}]}]}", HttpStatus.OK);
        position = api.post("warehouse", "/api/shipments/" + shipment + "/ship", "{\"carrier\":\"DHL\","
                + "\"trackingNumber\":\"LG-T2\"}", HttpStatus.OK).position();
        assertThat(orders(position).get("LG-2").path("status").asText()).isEqualTo("PARTIALLY_SHIPPED");

        // Warehouse: its old locations still check.
        api.post("warehouse", "/api/warehouses/LG-WH1/moves", "{\"sku\":\"LG-MUG\",\"quantity\":1,\"from\":\"A-01\","
                + "\"to\":\"A-09\"}", HttpStatus.BAD_REQUEST).problem();
        assertThat(api.get("auditor", "/api/audit/inventory-consistency?minPosition=" + api.head(), HttpStatus.OK)
                .json().path("mismatches")).isEmpty();
    }

    /** The legacy orders and the exchange order, by external order id. */
    private static Map<String, JsonNode> orders(long position) {
        Map<String, JsonNode> orders = new HashMap<>();
        for (String channel : List.of("legacy", "exchange")) {
            api.read("agent", "/api/orders?channel=" + channel + "&size=50", position).path("items")
                    .forEach(order -> orders.put(order.path("externalOrderId").asText(), order));
        }
        return orders;
    }

    private static String id(Map<String, JsonNode> orders, String externalOrderId) {
        return orders.get(externalOrderId).path("orderId").asText();
    }

    /** "status sku:quantity/allocated/backordered/picked/shipped/returned shipment-statuses return-statuses". */
    private static String figures(JsonNode order) {
        StringBuilder figures = new StringBuilder(order.path("status").asText());
        order.path("lines").forEach(line -> figures.append(' ').append(line.path("sku").asText()).append(':')
                .append(String.join("/", List.of("quantity", "allocated", "backordered", "picked", "shipped",
                        "returned").stream().map(field -> line.path(field).asText()).toList())));
        order.path("shipments").forEach(shipment -> figures.append(' ').append(shipment.path("status").asText()));
        order.path("returns").forEach(rma -> figures.append(' ').append(rma.path("status").asText()));
        return figures.toString();
    }

    /** "onHand/reserved warehouse:location=quantity,…" */
    private static String level(String sku, long position) {
        JsonNode level = api.read("agent", "/api/inventory/" + sku, position);
        StringBuilder text = new StringBuilder(level.path("onHand").asText() + "/" + level.path("reserved").asText());
        level.path("warehouses").forEach(warehouse -> {
            text.append(' ').append(warehouse.path("warehouseId").asText()).append(':');
            List<String> locations = new java.util.ArrayList<>();
            warehouse.path("locations").forEach(location -> locations.add(location.path("location").asText() + "="
                    + location.path("quantity").asText()));
            text.append(String.join(",", locations));
        });
        return text.toString();
    }
}
