package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.errorFields;
import static com.shipjoy.it.OrderJson.itemValues;
import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * The order API through HTTP (orders, their queries, the rules of docs/api.md): intake and its idempotency,
 * validation, roles, cancelling, and the order read models. Each test uses its own channel, customer and skus.
 */
class OrderApiTest extends Journey {

    static final String SKU = "API-1";
    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    OrderApiTest() {
        super(api);
    }

    @BeforeAll
    static void start() {
        api.post("warehouse", "/api/warehouses", """
                {"warehouseId":"OA-WH","name":"Orders API","locations":["A-01"]}""", HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/OA-WH/receipts", """
                {"reference":"PO-API","lines":[{"sku":"API-1","quantity":1000,"location":"A-01"}]}""",
                HttpStatus.CREATED);
    }

    @Test
    void placedOrderAnswers201AndItsPositionShowsTheAllocation() {
        Placed placed = whenPlaced(order("web", "ryw-1", "cust-ryw", SKU, 2));
        String orderId = placed.orderId();
        assertThat(orderId).isNotBlank();
        assertThat(placed.status()).isEqualTo("ALLOCATED");

        JsonNode order = api.read("channel", "/api/orders/" + orderId, placed.position());
        assertThat(order.path("orderId").asText()).isEqualTo(orderId);
        assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(order.path("channel").asText()).isEqualTo("web");
        assertThat(order.path("externalOrderId").asText()).isEqualTo("ryw-1");
        assertThat(order.path("customer").path("customerId").asText()).isEqualTo("cust-ryw");
        assertThat(order.path("customer").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(order.path("shipTo").path("city").asText()).isEqualTo("London");
        assertThat(order.path("placedAt").asText()).isNotBlank();
        assertThat(order.path("updatedAt").asText()).isNotBlank();
        JsonNode line = order.path("lines").path(0);
        assertThat(line.path("sku").asText()).isEqualTo(SKU);
        assertThat(line.path("quantity").asLong()).isEqualTo(2);
        assertThat(line.path("allocated").asLong()).isEqualTo(2);
        assertThat(line.path("backordered").asLong()).isEqualTo(0);
        assertThat(line.path("picked").asLong()).isEqualTo(0);
        assertThat(line.path("shipped").asLong()).isEqualTo(0);
        assertThat(line.path("returned").asLong()).isEqualTo(0);
        assertThat(order.path("shipments").isArray()).isTrue();
        assertThat(order.path("returns").isArray()).isTrue();
    }

    @Test
    void theSameRequestAgainAnswersTheFirstOrderAndStoresNothing() {
        ObjectNode body = order("dup", "dup-1", "cust-dup", SKU, 1);
        String orderId = whenPlaced(body).orderId();
        long head = api.head();

        Api.Response again = api.post("channel", "/api/orders", body.toString(), HttpStatus.OK);
        assertThat(again.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(again.json().path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(again.position()).as("the repeat reports the current head").isEqualTo(head);
        assertThat(api.head()).as("nothing stored by the repeat").isEqualTo(head);
        assertThat(api.read("channel", "/api/orders/" + orderId, again.position()).path("status").asText())
                .isEqualTo("ALLOCATED");

        // "Same content" ignores a client-supplied orderId: the pair was taken by the first order.
        body.put("orderId", "dup-other-id");
        Api.Response otherId = api.post("channel", "/api/orders", body.toString(), HttpStatus.OK);
        assertThat(otherId.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(api.head()).isEqualTo(head);
        api.get("agent", "/api/orders/dup-other-id?minPosition=" + head, HttpStatus.NOT_FOUND).problem();

        ObjectNode changed = order("dup", "dup-1", "cust-dup", SKU, 3);
        JsonNode conflict = api.post("channel", "/api/orders", changed.toString(), HttpStatus.CONFLICT).problem();
        assertThat(conflict.path("detail").asText()).contains(orderId);
        assertThat(api.head()).isEqualTo(head);

        JsonNode list = api.read("agent", "/api/orders?channel=dup", head);
        assertThat(list.path("total").asLong()).isEqualTo(1);
        assertThat(itemValues(list, "orderId")).containsExactly(orderId);
        assertThat(list.path("items").path(0).path("lines").path(0).path("quantity").asLong()).isEqualTo(1);
    }

    @Test
    void aClientSuppliedOrderIdIsKeptAndCannotBeTakenByAnotherOrder() {
        ObjectNode body = order("own-id", "own-1", "cust-own", SKU, 1);
        body.put("orderId", "OWN-ORDER-1");
        assertThat(whenPlaced(body).orderId()).isEqualTo("OWN-ORDER-1");
        long head = api.head();

        api.post("channel", "/api/orders", body.toString(), HttpStatus.OK);
        ObjectNode otherPair = order("own-id", "own-2", "cust-own", SKU, 1);
        otherPair.put("orderId", "OWN-ORDER-1");
        api.post("channel", "/api/orders", otherPair.toString(), HttpStatus.CONFLICT).problem();
        assertThat(api.head()).isEqualTo(head);
        JsonNode order = orderAt("OWN-ORDER-1", head);
        assertThat(order.path("externalOrderId").asText()).isEqualTo("own-1");
    }

    @Test
    void twentyConcurrentIdenticalIntakesTakeOneOrder() throws Exception {
        String body = order("race-intake", "same-1", "cust-race", SKU, 1).toString();
        long before = api.head();

        List<Race.Answer> answers = Race.post(app, "channel", "/api/orders", Collections.nCopies(20, body));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isIn(200, 201));
        assertThat(answers.stream().filter(answer -> answer.status() == 201)).as("exactly one creates").hasSize(1);
        Set<String> orderIds = answers.stream().map(answer -> answer.json().path("orderId").asText())
                .collect(Collectors.toSet());
        assertThat(orderIds).hasSize(1);
        String orderId = orderIds.iterator().next();
        long last = Math.max(answers.stream().mapToLong(Race.Answer::position).max().orElseThrow(),
                StoredEvents.settled(app));

        JsonNode list = api.read("agent", "/api/orders?channel=race-intake", last);
        assertThat(list.path("total").asLong()).as("orders stored").isEqualTo(1);
        JsonNode history = api.read("agent", "/api/orders/" + orderId + "/history", last);
        assertThat(types(history).stream().filter("OrderPlaced"::equals)).hasSize(1);
        assertThat(types(history).stream().filter("StockReserved"::equals)).as("one unit reserved once").hasSize(1);
        // Racing losers may leave gaps in the positions; what is stored is one order's events, with its shipment.
        assertThat(StoredEvents.after(app, before)).containsExactly("OrderPlaced", "StockReserved",
                "OrderLineAllocated", "OrderAllocated", "OrderReleased", "PicksPlanned", "ShipmentReleased");
    }

    @Test
    void cancellingAnswersTheCancelledOrderAndCancellingAgainStoresNothing() {
        String orderId = whenPlaced(order("cxl", "cxl-1", "cust-cxl", SKU, 4)).orderId();

        Api.Response cancelled = cancel(orderId, "customer changed their mind", HttpStatus.OK);
        assertThat(cancelled.json().path("orderId").asText()).isEqualTo(orderId);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        long head = api.head();
        assertThat(cancelled.position()).isEqualTo(head);

        Api.Response again = cancel(orderId, "clicked twice", HttpStatus.OK);
        assertThat(again.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(again.position()).isEqualTo(head);
        assertThat(api.head()).as("nothing stored by the second cancel").isEqualTo(head);

        JsonNode order = orderAt(orderId, head);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.path("lines").path(0).path("allocated").asLong()).isEqualTo(0);
        JsonNode history = api.read("agent", "/api/orders/" + orderId + "/history", head);
        assertThat(types(history).stream().filter("OrderCancelled"::equals)).hasSize(1);
        assertThat(types(history).stream().filter("StockReleased"::equals)).hasSize(1);
    }

    @Test
    void anUnknownOrderIs404() {
        api.get("agent", "/api/orders/no-such-order", HttpStatus.NOT_FOUND).problem();
        api.get("agent", "/api/orders/no-such-order/history", HttpStatus.NOT_FOUND).problem();
        long head = api.head();
        JsonNode problem = api.post("agent", "/api/orders/no-such-order/cancel", "{\"reason\":\"x\"}",
                HttpStatus.NOT_FOUND).problem();
        assertThat(problem.path("detail").asText()).contains("no-such-order");
        assertThat(api.head()).isEqualTo(head);
        api.get("agent", "/api/orders/bad$id", HttpStatus.BAD_REQUEST).problem();
    }

    @Test
    void invalidOrdersAre400WithTheFieldAndStoreNothing() {
        long head = api.head();
        invalid(order -> addLine(order, SKU), "lines[1].sku");
        invalid(order -> ((ObjectNode) order.path("customer")).put("email", "ada.example.com"), "customer.email");
        invalid(order -> ((ObjectNode) order.path("customer")).put("email", "ada@x@example.com"),
                "customer.email");
        invalid(order -> line(order).put("currency", "eur"), "lines[0].currency");
        invalid(order -> line(order).put("unitPrice", "1.23456"), "lines[0].unitPrice");
        invalid(order -> line(order).put("unitPrice", "-1.00"), "lines[0].unitPrice");
        invalid(order -> line(order).put("quantity", 0), "lines[0].quantity");
        invalid(order -> line(order).put("quantity", 1.5), "lines[0].quantity");
        invalid(order -> order.put("externalOrderId", "x".repeat(129)), "externalOrderId");
        invalid(order -> order.put("channel", "web shop"), "channel");
        invalid(order -> order.remove("customer"), "customer");
        invalid(order -> order.remove("shipTo"), "shipTo");
        invalid(order -> order.putArray("lines"), "lines");
        invalid(order -> {
            for (int i = 1; i <= 500; i++) {
                addLine(order, "BULK-" + i);
            }
        }, "lines");
        assertThat(api.head()).as("nothing stored").isEqualTo(head);
        assertThat(api.read("agent", "/api/orders?channel=invalid", head).path("total").asLong()).isEqualTo(0);

        // At the limits, the same order is taken: 128 characters, 4 fraction digits, 500 lines.
        ObjectNode atLimits = order("invalid", "y".repeat(128), "cust-invalid", SKU, 1);
        line(atLimits).put("unitPrice", "1.2345");
        for (int i = 1; i < 500; i++) {
            addLine(atLimits, "BULK-" + i);
        }
        Placed placed = whenPlaced(atLimits);
        // 499 skus never received; allocating 500 lines may outlast the answer's wait on a busy machine
        assertThat(placed.status()).isIn("BACKORDERED", "PLACED");
        JsonNode order = orderAt(placed.orderId(), placed.position());
        assertThat(order.path("lines")).hasSize(500);
        assertThat(order.path("lines").path(0).path("unitPrice").asText()).isEqualTo("1.2345");
    }

    @Test
    void onlyChannelsPlaceAndOnlyAgentsCancel() {
        String body = order("roles", "roles-1", "cust-roles", SKU, 1).toString();
        long head = api.head();
        api.post("auditor", "/api/orders", body, HttpStatus.FORBIDDEN).problem();
        api.post("agent", "/api/orders", body, HttpStatus.FORBIDDEN).problem();
        api.post("viewer", "/api/orders", body, HttpStatus.FORBIDDEN).problem();
        api.post("warehouse", "/api/orders", body, HttpStatus.FORBIDDEN).problem();
        assertThat(app.anonymous().post().uri("/api/orders").bodyValue(body).exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult().getResponseHeaders()
                .getContentType()).hasToString("application/problem+json");
        assertThat(api.head()).isEqualTo(head);

        Api.Response placed = api.post("channel", "/api/orders", body, HttpStatus.CREATED);
        String orderId = placed.json().path("orderId").asText();
        long afterPlacing = api.head();
        api.post("channel", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"x\"}", HttpStatus.FORBIDDEN)
                .problem();
        api.post("auditor", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"x\"}", HttpStatus.FORBIDDEN)
                .problem();
        api.post("warehouse", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"x\"}", HttpStatus.FORBIDDEN)
                .problem();
        assertThat(api.head()).isEqualTo(afterPlacing);

        // A channel reads an order, not the lists or histories; an auditor reads everything.
        assertThat(api.read("channel", "/api/orders/" + orderId, afterPlacing).path("status").asText())
                .isEqualTo("ALLOCATED");
        api.get("channel", "/api/orders", HttpStatus.FORBIDDEN).problem();
        api.get("channel", "/api/orders/" + orderId + "/history", HttpStatus.FORBIDDEN).problem();
        api.get("channel", "/api/customers/cust-roles/orders", HttpStatus.FORBIDDEN).problem();
        api.get("channel", "/api/backorders", HttpStatus.FORBIDDEN).problem();
        api.get("viewer", "/api/orders/" + orderId, HttpStatus.FORBIDDEN).problem();
        api.get("auditor", "/api/orders/" + orderId + "/history", HttpStatus.OK);
        api.get("auditor", "/api/orders?channel=roles", HttpStatus.OK);
        api.get("auditor", "/api/backorders", HttpStatus.OK);
    }

    @Test
    void searchFiltersAndPagesNewestFirst() throws Exception {
        List<String> placed = new ArrayList<>();
        long position = 0;
        // in order: a1 (cust-s1, API-1), a2 (cust-s2, API-1 + SEARCH-BO), b1 (cust-s1, SEARCH-BO), a3 (cust-s1)
        for (ObjectNode order : List.of(order("search-a", "a1", "cust-s1", SKU, 1),
                order("search-a", "a2", "cust-s2", SKU, 1, "SEARCH-BO", 1),
                order("search-b", "b1", "cust-s1", "SEARCH-BO", 2),
                order("search-a", "a3", "cust-s1", SKU, 3))) {
            Api.Response answer = api.post("channel", "/api/orders", order.toString(), HttpStatus.CREATED);
            placed.add(answer.json().path("orderId").asText());
            position = answer.position();
            Thread.sleep(5); // distinct placedAt milliseconds, so "newest first" has one answer
        }
        String a1 = placed.get(0);
        String a2 = placed.get(1);
        String b1 = placed.get(2);
        String a3 = placed.get(3);

        assertThat(ids("/api/orders?channel=search-a", position)).containsExactly(a3, a2, a1);
        assertThat(ids("/api/orders?channel=search-b", position)).containsExactly(b1);
        assertThat(ids("/api/orders?customerId=cust-s1", position)).containsExactly(a3, b1, a1);
        assertThat(ids("/api/orders?sku=SEARCH-BO", position)).containsExactly(b1, a2);
        assertThat(ids("/api/orders?status=BACKORDERED&channel=search-a", position)).containsExactly(a2);
        assertThat(ids("/api/orders?status=ALLOCATED&channel=search-a", position)).containsExactly(a3, a1);
        assertThat(ids("/api/orders?channel=search-a&customerId=cust-s1&sku=" + SKU, position))
                .containsExactly(a3, a1);
        assertThat(ids("/api/customers/cust-s1/orders", position)).containsExactly(a3, b1, a1);

        // placedFrom is inclusive, placedTo exclusive.
        String a2At = orderAt(a2, position).path("placedAt").asText();
        String a3At = orderAt(a3, position).path("placedAt").asText();
        assertThat(ids("/api/orders?channel=search-a&placedFrom=" + a2At, position)).containsExactly(a3, a2);
        assertThat(ids("/api/orders?channel=search-a&placedTo=" + a3At, position)).containsExactly(a2, a1);
        assertThat(ids("/api/orders?channel=search-a&placedFrom=" + a2At + "&placedTo=" + a3At, position))
                .containsExactly(a2);

        JsonNode first = api.read("agent", "/api/orders?customerId=cust-s1&size=2", position);
        assertThat(first.path("page").asInt()).isEqualTo(0);
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(itemValues(first, "orderId")).containsExactly(a3, b1);
        JsonNode second = api.read("agent", "/api/orders?customerId=cust-s1&size=2&page=1", position);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(itemValues(second, "orderId")).containsExactly(a1);
        JsonNode customerPage = api.read("agent", "/api/customers/cust-s1/orders?size=1&page=2", position);
        assertThat(itemValues(customerPage, "orderId")).containsExactly(a1);
        assertThat(customerPage.path("total").asLong()).isEqualTo(3);
        JsonNode beyond = api.read("agent", "/api/orders?customerId=cust-s1&size=2&page=5", position);
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(3);

        api.get("agent", "/api/orders?status=LOST", HttpStatus.BAD_REQUEST).problem();
        api.get("agent", "/api/orders?size=0", HttpStatus.BAD_REQUEST).problem();
        api.get("agent", "/api/orders?size=501", HttpStatus.BAD_REQUEST).problem();
        api.get("agent", "/api/orders?page=-1", HttpStatus.BAD_REQUEST).problem();
        api.get("agent", "/api/orders?placedFrom=yesterday", HttpStatus.BAD_REQUEST).problem();
        api.get("agent", "/api/backorders?sku=bad$sku", HttpStatus.BAD_REQUEST).problem();
    }

    @Test
    void readingBeyondTheHeadIs503() {
        long beyond = api.head() + 1_000;
        JsonNode problem = api.get("agent", "/api/orders?minPosition=" + beyond, HttpStatus.SERVICE_UNAVAILABLE)
                .problem();
        assertThat(problem.path("detail").asText()).contains(Long.toString(beyond));
    }

    private static List<String> ids(String path, long position) {
        return itemValues(api.read("agent", path, position), "orderId");
    }

    static List<String> types(JsonNode history) {
        return itemValues(history, "type");
    }

    /** POSTs a valid order changed by {@code change}; asserts 400 with an error naming {@code field}. */
    private static void invalid(Consumer<ObjectNode> change, String field) {
        ObjectNode order = order("invalid", "inv-" + field, "cust-invalid", SKU, 1);
        change.accept(order);
        JsonNode problem = api.post("channel", "/api/orders", order.toString(), HttpStatus.BAD_REQUEST).problem();
        assertThat(errorFields(problem)).as("errors of %s", problem).contains(field);
    }

    private static ObjectNode line(ObjectNode order) {
        return (ObjectNode) order.path("lines").path(0);
    }

    private static void addLine(ObjectNode order, String sku) {
        ObjectNode line = ((ArrayNode) order.path("lines")).addObject();
        line.put("sku", sku);
        line.put("quantity", 1);
        line.put("unitPrice", "2.50");
        line.put("currency", "EUR");
    }
}
