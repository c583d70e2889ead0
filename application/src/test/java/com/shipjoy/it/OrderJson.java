package com.shipjoy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Bodies for {@code POST /api/orders}: a valid order that a test changes where it needs to. */
final class OrderJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private OrderJson() {
    }

    /** A valid order; {@code skuAndQuantity} alternates sku and quantity: {@code "SKU-1", 2, "SKU-2", 1}. */
    static ObjectNode order(String channel, String externalOrderId, String customerId, Object... skuAndQuantity) {
        ObjectNode order = JSON.createObjectNode();
        order.put("channel", channel);
        order.put("externalOrderId", externalOrderId);
        ObjectNode customer = order.putObject("customer");
        customer.put("customerId", customerId);
        customer.put("name", "Ada Lovelace");
        customer.put("email", "ada@example.com");
        ObjectNode shipTo = order.putObject("shipTo");
        shipTo.put("name", "Ada Lovelace");
        shipTo.put("line1", "1 Analytical Row");
        shipTo.put("city", "London");
        shipTo.put("postalCode", "N1 9GU");
        shipTo.put("country", "GB");
        ArrayNode lines = order.putArray("lines");
        for (int i = 0; i < skuAndQuantity.length; i += 2) {
            ObjectNode line = lines.addObject();
            line.put("sku", (String) skuAndQuantity[i]);
            line.put("quantity", ((Number) skuAndQuantity[i + 1]).longValue());
            line.put("unitPrice", "19.99");
            line.put("currency", "EUR");
        }
        return order;
    }

    /** The field names of a problem document's {@code errors}. */
    static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    /** The values of {@code field} in a list answer's items, in order. */
    static List<String> itemValues(JsonNode page, String field) {
        List<String> values = new ArrayList<>();
        page.path("items").forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    /** The entries of an order history page of this type. */
    static List<JsonNode> entries(JsonNode history, String type) {
        List<JsonNode> entries = new ArrayList<>();
        history.path("items").forEach(entry -> {
            if (entry.path("type").asText().equals(type)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** Each history entry as type:actor. */
    static List<String> typesAndActors(JsonNode history) {
        List<String> entries = new ArrayList<>();
        history.path("items").forEach(entry -> entries.add(entry.path("type").asText() + ":"
                + entry.path("actor").asText()));
        return entries;
    }
}
