package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * Malformed and hostile input against every command endpoint and every query parameter (docs/api.md): each is
 * refused with the 4xx status docs/api.md names, as a problem document naming the offending field where there is
 * one, and changes nothing: the event store's head and the read models are what they were before.
 * Each case starts from a valid request (proven valid by the last test) and breaks exactly one thing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();
    /** What every check compares with: the state once the fixture was set up. */
    static State expected;

    record Endpoint(String name, String path, String body) {
    }

    static final Endpoint WAREHOUSES = new Endpoint("warehouses", "/api/warehouses",
            "{\"warehouseId\":\"WH-NEW\",\"name\":\"New\",\"locations\":[\"A-01\"]}");
    static final Endpoint LOCATIONS = new Endpoint("locations", "/api/warehouses/WH-H/locations",
            "{\"locations\":[\"A-09\"]}");
    static final Endpoint WORKERS = new Endpoint("workers", "/api/warehouses/WH-H/workers",
            "{\"workerId\":\"W-9\",\"name\":\"Nine\"}");
    static final Endpoint RECEIPTS = new Endpoint("receipts", "/api/warehouses/WH-H/receipts",
            "{\"receiptId\":\"R-NEW\",\"reference\":\"PO-9\",\"lines\":[{\"sku\":\"SKU-H\",\"quantity\":1,"
                    + "\"location\":\"A-01\"}]}");
    static final Endpoint MOVES = new Endpoint("moves", "/api/warehouses/WH-H/moves",
            "{\"sku\":\"SKU-H\",\"quantity\":1,\"from\":\"A-01\",\"to\":\"A-02\"}");
    static final Endpoint COUNTS = new Endpoint("counts", "/api/warehouses/WH-H/counts",
            "{\"sku\":\"SKU-H\",\"location\":\"A-01\",\"countedQuantity\":3,\"reason\":\"cycle\"}");
    static final Endpoint ORDERS = new Endpoint("orders", "/api/orders", "{\"channel\":\"web\","
            + "\"externalOrderId\":\"EXT-NEW\",\"customer\":{\"customerId\":\"C-1\",\"name\":\"Ada\","
            + "\"email\":\"ada@example.com\"},\"shipTo\":{\"name\":\"Ada\",\"line1\":\"1 Main St\","
            + "\"city\":\"Springfield\",\"postalCode\":\"12345\",\"country\":\"US\"},\"lines\":[{\"sku\":"
            + "\"SKU-H\",\"quantity\":1,\"unitPrice\":\"9.99\",\"currency\":\"EUR\"}],\"shipPartial\":false}");
    /** The fixture order O-H's shipment: its id is derived from the order (see Order.releaseAllocated). */
    static final String SHIPMENT = java.util.UUID.nameUUIDFromBytes("O-H/shipment/1"
            .getBytes(StandardCharsets.UTF_8)).toString();
    static final Endpoint ASSIGN = new Endpoint("assign", "/api/tasks/" + SHIPMENT + ".1/assign",
            "{\"workerId\":\"W-1\"}");
    static final Endpoint NEXT = new Endpoint("next", "/api/warehouses/WH-H/tasks/next", "{\"workerId\":\"W-1\"}");
    static final Endpoint CONFIRM = new Endpoint("confirm", "/api/tasks/" + SHIPMENT + ".1/confirm",
            "{\"workerId\":\"W-1\",\"location\":\"A-01\",\"quantity\":1}");
    static final Endpoint PACK = new Endpoint("pack", "/api/shipments/" + SHIPMENT + "/pack",
            "{\"cartons\":[{\"cartonId\":\"BOX-1\",\"weightGrams\":500,\"lines\":[{\"sku\":\"SKU-H\","
                    + "\"quantity\":1}]}]}");
    static final Endpoint SHIP = new Endpoint("ship", "/api/shipments/" + SHIPMENT + "/ship",
            "{\"carrier\":\"DHL\",\"trackingNumber\":\"TRK-1\"}");
    static final Endpoint DELIVERED = new Endpoint("delivered", "/api/orders/O-H/delivered",
            "{\"deliveredAt\":\"2026-11-30T10:00:00Z\"}");
    static final Endpoint RETURNS = new Endpoint("returns", "/api/orders/O-H/returns", "{\"rmaId\":\"RMA-NEW\","
            + "\"lines\":[{\"sku\":\"SKU-H\",\"quantity\":1}],\"reason\":\"too small\",\"resolution\":\"REFUND\"}");
    static final Endpoint RETURN_RECEIPT = new Endpoint("return receipt", "/api/returns/RMA-NEW/receipt",
            "{\"warehouseId\":\"WH-H\",\"lines\":[{\"sku\":\"SKU-H\",\"quantity\":1,\"condition\":\"SELLABLE\","
                    + "\"location\":\"A-01\"}]}");
    static final Endpoint CANCEL = new Endpoint("cancel", "/api/orders/O-H2/cancel", "{\"reason\":\"changed mind\"}");
    /** In the order the control sends them: O-H goes through its whole journey, O-H2 is cancelled. */
    static final List<Endpoint> ENDPOINTS = List.of(WAREHOUSES, LOCATIONS, WORKERS, RECEIPTS, MOVES, COUNTS, ORDERS,
            ASSIGN, NEXT, CONFIRM, PACK, SHIP, DELIVERED, RETURNS, RETURN_RECEIPT, CANCEL);

    /** One request that must be refused: {@code field} is the path {@code errors[].field} must name, if any. */
    record Hostile(String description, String path, MediaType contentType, Object body, int status, String field) {

        @Override
        public String toString() {
            return description;
        }
    }

    record State(long head, String level, String levels, String ledger, String orders) {
    }

    /**
     * Who may send a command to {@code path}: channels place orders, agents cancel and open returns, the warehouse
     * does the rest (delivery confirmations included).
     */
    static String userFor(String path) {
        if (path.startsWith("/api/admin")) {
            return "admin";
        }
        if (path.startsWith("/api/orders") && !path.endsWith("/delivered")) {
            return path.endsWith("/cancel") || path.endsWith("/returns") ? "agent" : "channel";
        }
        return "warehouse";
    }

    @BeforeAll
    static void start() {
        api.post("warehouse", "/api/warehouses",
                "{\"warehouseId\":\"WH-H\",\"name\":\"Hostile\",\"locations\":[\"A-01\",\"A-02\"]}", HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WH-H/workers", "{\"workerId\":\"W-1\",\"name\":\"One\"}",
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WH-H/receipts", "{\"receiptId\":\"R-H\",\"reference\":\"PO-1\","
                + "\"lines\":[{\"sku\":\"SKU-H\",\"quantity\":10,\"location\":\"A-01\"}]}", HttpStatus.CREATED);
        api.post("channel", "/api/orders", with(with(ORDERS.body(), "orderId", "\"O-H\""), "externalOrderId",
                "\"EXT-H\""), HttpStatus.CREATED);
        api.post("channel", "/api/orders", with(with(ORDERS.body(), "orderId", "\"O-H2\""), "externalOrderId",
                "\"EXT-H2\""), HttpStatus.CREATED);
        expected = state();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCommands")
    @Order(1)
    void hostileCommandsAreRefusedAndChangeNothing(Hostile hostile) {
        Api.Response response = api.send(userFor(hostile.path()), HttpMethod.POST, hostile.path(),
                hostile.contentType(), hostile.body());
        assertThat(response.status()).as("%s answered %s", hostile, response.text()).isEqualTo(hostile.status());
        JsonNode problem = response.problem();
        if (hostile.field() != null) {
            assertThat(problem.path("errors")).as("errors of %s", problem)
                    .extracting(error -> error.path("field").asText()).contains(hostile.field());
        }
        assertThat(state()).as("nothing changed by %s", hostile).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    @Order(1)
    void badQueryParametersAre400(Hostile hostile) {
        Api.Response response = api.send("auditor", HttpMethod.GET, hostile.path(), null, null);
        assertThat(response.status()).as("%s answered %s", hostile, response.text()).isEqualTo(hostile.status());
        JsonNode problem = response.problem();
        if (hostile.field() != null) {
            assertThat(problem.path("errors")).as("errors of %s", problem)
                    .extracting(error -> error.path("field").asText()).contains(hostile.field());
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> endpointsAndMethods() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                .map(method -> org.junit.jupiter.params.provider.Arguments.of(endpoint.name(), method)));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("endpointsAndMethods")
    @Order(1)
    void otherMethodsAreRefusedAndChangeNothing(String name, HttpMethod method) {
        Endpoint endpoint = ENDPOINTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        Api.Response response = api.send("admin", method, endpoint.path(), MediaType.APPLICATION_JSON,
                endpoint.body());
        assertThat(response.status()).as("%s %s answered %s", method, name, response.text()).isEqualTo(405);
        assertThat(response.header("Allow").split(",")).contains("POST");
        inOurWords(response.problem());
        assertThat(state()).isEqualTo(expected);
    }

    /** A path with endpoints, asked with a method none of them takes: 405 naming the ones they take. */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"PUT, /api/warehouses, 'GET, POST'",
            "DELETE, /api/warehouses, 'GET, POST'", "POST, /api/warehouses/WH-H, GET",
            "DELETE, /api/orders/O-H, GET", "PATCH, /api/returns/RMA-H, GET", "POST, /api/inventory, GET"})
    @Order(1)
    void anUnsupportedMethodIs405WithAllow(HttpMethod method, String path, String allowed) {
        Api.Response response = api.send("admin", method, path, MediaType.APPLICATION_JSON, "{}");
        assertThat(response.status()).as("%s %s answered %s", method, path, response.text()).isEqualTo(405);
        assertThat(response.header("Allow").split(",")).containsExactlyInAnyOrder(allowed.split(", "));
        assertThat(inOurWords(response.problem()).path("detail").asText())
                .isEqualTo(path + " takes " + allowed + ", not " + method + ".");
        assertThat(state()).isEqualTo(expected);
    }

    /** A path no endpoint has, whatever the method and role: 404 in our words; without credentials still 401. */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"GET, /api/nope", "POST, /api/nope", "DELETE, /api/nope",
            "GET, /api/warehouses/WH-H/nope", "GET, /api/orders/O-H/history/x", "GET, /nope", "GET, /api",
            "PUT, /api/inventory/SKU-H/nope/deeper", "GET, /swagger-ui/nope.js"})
    @Order(1)
    void anUnknownPathIs404InOurWords(HttpMethod method, String path) {
        for (String user : List.of("channel", "viewer", "admin")) {
            Api.Response response = api.send(user, method, path, MediaType.APPLICATION_JSON, "{}");
            assertThat(response.status()).as("%s %s as %s answered %s", method, path, user, response.text())
                    .isEqualTo(404);
            assertThat(inOurWords(response.problem()).path("detail").asText())
                    .isEqualTo("There is no endpoint " + method + " " + path + ".");
        }
        Api.Response anonymous = api.send(null, method, path, MediaType.APPLICATION_JSON, "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        anonymous.problem();
        assertThat(state()).isEqualTo(expected);
    }

    /** A problem document without the framework's wording or names. */
    static JsonNode inOurWords(JsonNode problem) {
        assertThat(problem.toString()).doesNotContainIgnoringCase("static resource")
                .doesNotContain("Supported methods").doesNotContain("Request method")
                .doesNotContain("org.springframework").doesNotContain("Exception");
        return problem;
    }

    /**
     * A client that accepts no JSON cannot be told the outcome, so the command must not run: executing it and then
     * answering 406 would make the client retry a command that was applied (a move or a count applied twice).
     */
    @ParameterizedTest(name = "{0} with Accept {1}")
    @MethodSource("endpointsAndUnacceptableTypes")
    @Order(1)
    void aCommandWhoseAnswerCannotBeReadIsNotExecuted(String name, String accept) {
        Endpoint endpoint = ENDPOINTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        Api.Response response = new Api.Response(EmbeddedApp.client()
                .baseUrl(app.baseUrl()).build().post().uri(endpoint.path())
                .headers(headers -> headers.setBasicAuth(userFor(endpoint.path()), userFor(endpoint.path())))
                .contentType(MediaType.APPLICATION_JSON).header("Accept", accept).bodyValue(endpoint.body())
                .exchange().expectBody().returnResult());
        assertThat(response.status()).isEqualTo(406);
        assertThat(inOurWords(response.problem()).path("detail").asText()).contains("application/json")
                .doesNotContain("ndjson");
        assertThat(state()).isEqualTo(expected);
    }

    /** A query asked for a media type it does not answer: 406 in our words, naming what it answers. */
    @ParameterizedTest(name = "GET {0} with Accept application/xml")
    @ValueSource(strings = {"/api/warehouses", "/api/orders", "/api/inventory", "/api/admin/projections"})
    @Order(1)
    void aQueryAskedForAnotherMediaTypeIs406InOurWords(String path) {
        Api.Response response = new Api.Response(EmbeddedApp.client().baseUrl(app.baseUrl()).build().get()
                .uri(path).headers(headers -> headers.setBasicAuth("admin", "admin"))
                .header("Accept", "application/xml").exchange().expectBody().returnResult());
        assertThat(response.status()).isEqualTo(406);
        assertThat(inOurWords(response.problem()).path("detail").asText()).contains("application/json")
                .doesNotContain("ndjson");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> endpointsAndUnacceptableTypes() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of("application/xml", "text/csv", "image/png")
                .map(type -> org.junit.jupiter.params.provider.Arguments.of(endpoint.name(), type)));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> endpointsAndHostileKeys() {
        return ENDPOINTS.stream().flatMap(endpoint -> Stream.of("k".repeat(129), "tab\there", "caf\u00e9", "")
                .map(key -> org.junit.jupiter.params.provider.Arguments.of(endpoint.name(), key)));
    }

    /** A malformed Idempotency-Key is refused before anything runs, on every command. */
    @ParameterizedTest(name = "{0} with Idempotency-Key \"{1}\"")
    @MethodSource("endpointsAndHostileKeys")
    @Order(1)
    void aMalformedIdempotencyKeyIsRefusedAndChangesNothing(String name, String key) {
        Endpoint endpoint = ENDPOINTS.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
        Api.Response response = api.postWithKey(userFor(endpoint.path()), endpoint.path(), endpoint.body(), key);
        assertThat(response.status()).as("%s answered %s", name, response.text()).isEqualTo(400);
        assertThat(response.problem().path("errors").path(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(state()).isEqualTo(expected);
    }

    /** A page far beyond the last is empty, whatever its number: it must not overflow into an error. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/api/inventory?page=4294968&size=500",
            "/api/inventory?page=2147483647&size=500", "/api/inventory?page=2147483647&size=1",
            "/api/inventory/SKU-H/movements?page=4294968&size=500",
            "/api/inventory/SKU-H/movements?page=2147483647&size=500", "/api/warehouses?page=4294968&size=500",
            "/api/warehouses?page=2147483647&size=500"})
    @Order(1)
    void aPageFarBeyondTheLastIsEmpty(String path) {
        Api.Response response = api.send("auditor", HttpMethod.GET, path, null, null);
        assertThat(response.status()).as("%s answered %s", path, response.text()).isEqualTo(200);
        assertThat(response.json().path("items")).isEmpty();
        assertThat(response.json().path("total").asLong()).isPositive();
    }

    /** The control: every request the hostile cases were derived from is accepted as it is. */
    @Test
    @Order(2)
    void theUnbrokenRequestsAreAccepted() {
        for (Endpoint endpoint : ENDPOINTS) {
            Api.Response response = api.send(userFor(endpoint.path()), HttpMethod.POST, endpoint.path(),
                    MediaType.APPLICATION_JSON, endpoint.body());
            assertThat(response.status()).as("%s answered %s", endpoint.name(), response.text()).isBetween(200, 201);
        }
        assertThat(state().head()).isGreaterThan(expected.head());
    }

    // ---------------------------------------------------------------- the cases

    static Stream<Hostile> hostileCommands() {
        List<Hostile> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            cases.addAll(malformed(endpoint));
        }
        cases.addAll(warehouseFields());
        cases.addAll(locationFields());
        cases.addAll(workerFields());
        cases.addAll(receiptFields());
        cases.addAll(moveFields());
        cases.addAll(countFields());
        cases.addAll(orderFields());
        cases.addAll(cancelFields());
        // A replay of a read model whose name is no id: refused before anything starts.
        cases.add(new Hostile("POST replay a$b", "/api/admin/projections/a%24b/replay", MediaType.APPLICATION_JSON,
                null, 400, "name"));
        cases.addAll(fulfillmentFields());
        cases.addAll(returnFields());
        cases.addAll(pathIds());
        return cases.stream();
    }

    /** Breakage that does not depend on the endpoint's fields: syntax, shape, media type, size. */
    static List<Hostile> malformed(Endpoint e) {
        String body = e.body();
        JsonNode tree = tree(body);
        String firstField = tree.fieldNames().next();
        String firstMember = "\"" + firstField + "\":" + tree.get(firstField);
        String open = body.substring(0, body.length() - 1);
        List<Hostile> cases = new ArrayList<>(List.of(
                json(e, "invalid JSON", "{not json}"),
                json(e, "truncated JSON", body.substring(0, body.length() - 3)),
                json(e, "JSON cut in half", body.substring(0, body.length() / 2)),
                json(e, "trailing garbage", body + "x"),
                json(e, "a second document after the first", body + body),
                json(e, "a trailing comma", open + ",}"),
                json(e, "a duplicate key", "{" + firstMember + "," + body.substring(1)),
                json(e, "a JSON array of the request", "[" + body + "]"),
                json(e, "an empty JSON array", "[]"),
                json(e, "JSON null", "null"),
                json(e, "an empty body", ""),
                json(e, "a blank body", "  \n "),
                json(e, "a JSON string", "\"" + body.replace("\"", "\\\"") + "\""),
                json(e, "a JSON number", "42"),
                json(e, "a JSON boolean", "true"),
                // Every field of a delivery confirmation is optional: {} is refused by the domain, not as input.
                e == DELIVERED ? conflict(e, "an empty object, the order not shipped yet", "{}")
                        : json(e, "an empty object", "{}"),
                json(e, "a comment", "/* hi */" + body),
                json(e, "single quotes", body.replace('"', '\'')),
                json(e, "unquoted keys", body.replace("\"" + firstField + "\"", firstField)),
                json(e, "a raw control character in a string", open + ",\"x\":\"a\u0001b\"}"),
                json(e, "NaN", open + ",\"x\":NaN}"),
                json(e, "nesting 5,000 deep", open + ",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                json(e, "a number of 5,000 digits", open + ",\"x\":" + "9".repeat(5000) + "}"),
                invalid(e, "an unknown field", open + ",\"extra\":1}", "extra"),
                invalid(e, "an unknown field set to null", open + ",\"extra\":null}", "extra"),
                invalid(e, "an unknown field in a nested object", open + ",\"extra\":{\"a\":1}}", "extra"),
                new Hostile(e.name() + ": invalid UTF-8", e.path(), MediaType.APPLICATION_JSON,
                        invalidUtf8(body), 400, null)));
        for (MediaType type : List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML,
                MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_OCTET_STREAM,
                MediaType.MULTIPART_FORM_DATA, MediaType.valueOf("application/x-ndjson"))) {
            cases.add(new Hostile(e.name() + ": Content-Type " + type, e.path(), type, body, 415, null));
        }
        cases.add(new Hostile(e.name() + ": no Content-Type", e.path(), null, body.getBytes(StandardCharsets.UTF_8),
                415, null));
        cases.add(new Hostile(e.name() + ": a body of 1 MiB + 1 byte", e.path(), MediaType.APPLICATION_JSON,
                padded(body, MIB + 1), 413, null));
        cases.add(new Hostile(e.name() + ": a streamed body of 2 MiB without Content-Length", e.path(),
                MediaType.APPLICATION_JSON, streamed(open + ",\"x\":\"" + "a".repeat(2 * MIB) + "\"}"), 413, null));
        // Exactly 1 MiB is read (and then judged on its content).
        cases.add(new Hostile(e.name() + ": a body of exactly 1 MiB with an unknown field", e.path(),
                MediaType.APPLICATION_JSON, padded(open + ",\"extra\":1}", MIB), 400, "extra"));
        return cases;
    }

    static List<Hostile> warehouseFields() {
        Endpoint e = WAREHOUSES;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "warehouseId", true));
        cases.addAll(badTexts(e, "name", true));
        cases.addAll(badLists(e, "locations"));
        cases.addAll(badIds(e, "locations[0]", false));
        cases.add(invalid(e, "locations as a comma-separated string", e.body().replace("[\"A-01\"]", "\"A-01,A-02\""),
                "locations"));
        cases.add(conflict(e, "the fixture warehouse again with other locations",
                "{\"warehouseId\":\"WH-H\",\"name\":\"Hostile\",\"locations\":[\"A-01\"]}"));
        cases.add(conflict(e, "the fixture warehouse again with another name",
                "{\"warehouseId\":\"WH-H\",\"name\":\"Friendly\",\"locations\":[\"A-01\",\"A-02\"]}"));
        return cases;
    }

    static List<Hostile> locationFields() {
        Endpoint e = LOCATIONS;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badLists(e, "locations"));
        cases.addAll(badIds(e, "locations[0]", false));
        cases.add(invalid(e, "a valid location then an invalid one", "{\"locations\":[\"A-09\",\"a b\"]}",
                "locations[1]"));
        cases.add(invalid(e, "10,001 locations", "{\"locations\":[" + String.join(",",
                java.util.stream.IntStream.range(0, 10_001).mapToObj(i -> "\"L-" + i + "\"").toList()) + "]}",
                "locations"));
        cases.add(new Hostile("locations: an unknown warehouse", "/api/warehouses/WH-NONE/locations",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        return cases;
    }

    static List<Hostile> workerFields() {
        Endpoint e = WORKERS;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "workerId", true));
        cases.addAll(badTexts(e, "name", true));
        cases.add(conflict(e, "the fixture worker again under another name", "{\"workerId\":\"W-1\",\"name\":\"Uno\"}"));
        cases.add(new Hostile("workers: an unknown warehouse", "/api/warehouses/WH-NONE/workers",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        return cases;
    }

    static List<Hostile> receiptFields() {
        Endpoint e = RECEIPTS;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "receiptId", false));
        cases.addAll(badTexts(e, "reference", true));
        cases.addAll(badLists(e, "lines"));
        cases.add(invalid(e, "lines as an object", with(e.body(), "lines", "{\"sku\":\"SKU-H\",\"quantity\":1,"
                + "\"location\":\"A-01\"}"), "lines"));
        cases.add(invalid(e, "a line as an array", with(e.body(), "lines[0]", "[\"SKU-H\",1,\"A-01\"]"), "lines[0]"));
        cases.add(invalid(e, "a line as a string", with(e.body(), "lines[0]", "\"SKU-H\""), "lines[0]"));
        cases.addAll(badIds(e, "lines[0].sku", true));
        cases.addAll(badQuantities(e, "lines[0].quantity", false));
        cases.addAll(badIds(e, "lines[0].location", true));
        cases.add(invalid(e, "an unknown field in a line", with(e.body(), "lines[0].extra", "1"), "lines[0].extra"));
        cases.add(json(e, "a duplicate key in a line", e.body().replace("\"quantity\":1", "\"quantity\":1,\"quantity\":1")));
        cases.add(invalid(e, "an unknown location", with(e.body(), "lines[0].location", "\"Z-99\""),
                "lines[0].location"));
        cases.add(invalid(e, "OUTBOUND as the location", with(e.body(), "lines[0].location", "\"OUTBOUND\""),
                "lines[0].location"));
        String twoLines = with(e.body(), "lines[1]", "{\"sku\":\"SKU-H2\",\"quantity\":1,\"location\":\"A-02\"}");
        cases.add(invalid(e, "a second line with quantity 0", with(twoLines, "lines[1].quantity", "0"),
                "lines[1].quantity"));
        cases.add(invalid(e, "a second line with a fraction", with(twoLines, "lines[1].quantity", "1.5"),
                "lines[1].quantity"));
        cases.add(invalid(e, "a second line into an unknown location", with(twoLines, "lines[1].location",
                "\"Z-99\""), "lines[1].location"));
        cases.add(invalid(e, "a second line that is null", with(twoLines, "lines[1]", "null"), "lines[1]"));
        String line = "{\"sku\":\"SKU-H\",\"quantity\":1,\"location\":\"A-01\"}";
        cases.add(invalid(e, "600 lines", with(e.body(), "lines", "[" + String.join(",", java.util.Collections
                .nCopies(600, line)) + "]"), "lines"));
        cases.add(conflict(e, "the fixture receipt id with other content", with(e.body(), "receiptId", "\"R-H\"")));
        cases.add(new Hostile("receipts: an unknown warehouse", "/api/warehouses/WH-NONE/receipts",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        return cases;
    }

    static List<Hostile> moveFields() {
        Endpoint e = MOVES;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "sku", true));
        cases.addAll(badQuantities(e, "quantity", false));
        cases.addAll(badIds(e, "from", true));
        cases.addAll(badIds(e, "to", true));
        cases.add(invalid(e, "from an unknown location", with(e.body(), "from", "\"Z-99\""), "from"));
        cases.add(invalid(e, "to an unknown location", with(e.body(), "to", "\"Z-99\""), "to"));
        cases.add(invalid(e, "to the same location", with(e.body(), "to", "\"A-01\""), "to"));
        cases.add(invalid(e, "to OUTBOUND", with(e.body(), "to", "\"OUTBOUND\""), "to"));
        cases.add(invalid(e, "from OUTBOUND", with(e.body(), "from", "\"OUTBOUND\""), "from"));
        cases.add(conflict(e, "more than the location holds", with(e.body(), "quantity", "11")));
        cases.add(conflict(e, "from a location that holds nothing", with(with(e.body(), "from", "\"A-02\""), "to",
                "\"A-01\"")));
        cases.add(new Hostile("moves: an unknown warehouse", "/api/warehouses/WH-NONE/moves",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        return cases;
    }

    static List<Hostile> countFields() {
        Endpoint e = COUNTS;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "sku", true));
        cases.addAll(badIds(e, "location", true));
        cases.addAll(badQuantities(e, "countedQuantity", true));
        for (String reason : List.of("\"" + "x".repeat(201) + "\"", "5", "{}", "[\"a\"]", "true")) {
            cases.add(invalid(e, "reason " + abbreviate(reason), with(e.body(), "reason", reason), "reason"));
        }
        cases.add(invalid(e, "an unknown location", with(e.body(), "location", "\"Z-99\""), "location"));
        cases.add(invalid(e, "OUTBOUND", with(e.body(), "location", "\"OUTBOUND\""), "location"));
        cases.add(new Hostile("counts: an unknown warehouse", "/api/warehouses/WH-NONE/counts",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        return cases;
    }

    static List<Hostile> orderFields() {
        Endpoint e = ORDERS;
        List<Hostile> cases = new ArrayList<>();
        cases.addAll(badIds(e, "orderId", false));
        cases.addAll(badIds(e, "channel", true));
        cases.addAll(badIds(e, "customer.customerId", true));
        cases.addAll(badIds(e, "lines[0].sku", true));
        cases.addAll(badQuantities(e, "lines[0].quantity", false));
        for (String value : List.of("\"\"", "\"" + "x".repeat(129) + "\"", "\"tab\\there\"", "\"é\"", "5", "null")) {
            cases.add(invalid(e, "externalOrderId " + abbreviate(value), with(e.body(), "externalOrderId", value),
                    "externalOrderId"));
        }
        for (String value : List.of("\"ada\"", "\"a@b@c\"", "\"a b@c\"", "\"" + "x".repeat(250) + "@e.com\"", "5",
                "null")) {
            cases.add(invalid(e, "email " + abbreviate(value), with(e.body(), "customer.email", value),
                    "customer.email"));
        }
        for (String value : List.of("\"1.23456\"", "\"-1\"", "\"abc\"", "\"\"", "1.5", "null")) {
            cases.add(invalid(e, "unitPrice " + value, with(e.body(), "lines[0].unitPrice", value),
                    "lines[0].unitPrice"));
        }
        for (String value : List.of("\"eur\"", "\"EURO\"", "\"E1R\"", "5", "null")) {
            cases.add(invalid(e, "currency " + value, with(e.body(), "lines[0].currency", value),
                    "lines[0].currency"));
        }
        for (String field : List.of("customer", "shipTo", "lines", "channel", "externalOrderId")) {
            cases.add(invalid(e, field + " missing", with(e.body(), field, null), field));
        }
        cases.add(invalid(e, "a customer without a name", with(e.body(), "customer.name", "\" \""), "customer.name"));
        cases.add(invalid(e, "a ship-to without a city", with(e.body(), "shipTo.city", null), "shipTo.city"));
        cases.add(invalid(e, "no lines", with(e.body(), "lines", "[]"), "lines"));
        String line = tree(e.body()).get("lines").get(0).toString();
        cases.add(invalid(e, "501 lines", with(e.body(), "lines", "[" + String.join(",",
                java.util.Collections.nCopies(501, line)) + "]"), "lines"));
        cases.add(invalid(e, "the same sku on two lines", with(e.body(), "lines", "[" + line + "," + line + "]"),
                "lines[1].sku"));
        cases.add(invalid(e, "shipPartial \"yes\"", with(e.body(), "shipPartial", "\"yes\""), "shipPartial"));
        cases.add(invalid(e, "shipPartial 1", with(e.body(), "shipPartial", "1"), "shipPartial"));
        cases.add(conflict(e, "an order taken before, with other content", with(with(e.body(), "externalOrderId",
                "\"EXT-H\""), "lines[0].quantity", "2")));
        return cases;
    }

    static List<Hostile> cancelFields() {
        Endpoint e = CANCEL;
        List<Hostile> cases = new ArrayList<>();
        for (String value : List.of("\"\"", "\"   \"", "\"" + "x".repeat(501) + "\"", "5", "{}", "null")) {
            cases.add(invalid(e, "reason " + abbreviate(value), with(e.body(), "reason", value), "reason"));
        }
        cases.add(new Hostile("cancel: an unknown order", "/api/orders/O-NONE/cancel", MediaType.APPLICATION_JSON,
                e.body(), 404, null));
        for (String[] id : new String[][] {{"%24", "orderId"}, {"a%20b", "orderId"}, {"x".repeat(65), "orderId"},
                {"a%2Fb", null}}) {
            cases.add(new Hostile("cancel: order id " + abbreviate(id[0]) + " in the path",
                    "/api/orders/" + id[0] + "/cancel", MediaType.APPLICATION_JSON, e.body(), 400, id[1]));
        }
        return cases;
    }

    static List<Hostile> fulfillmentFields() {
        List<Hostile> cases = new ArrayList<>();
        for (Endpoint e : List.of(ASSIGN, NEXT, CONFIRM)) {
            cases.addAll(badIds(e, "workerId", true));
        }
        cases.add(conflict(ASSIGN, "a worker of no warehouse", "{\"workerId\":\"W-NONE\"}"));
        cases.add(conflict(NEXT, "a worker of no warehouse", "{\"workerId\":\"W-NONE\"}"));
        cases.add(new Hostile("next: an unknown warehouse", "/api/warehouses/WH-NONE/tasks/next",
                MediaType.APPLICATION_JSON, NEXT.body(), 404, null));
        for (String task : List.of(SHIPMENT + ".9", "no-such-shipment.1", "no-dot")) {
            for (Endpoint e : List.of(ASSIGN, CONFIRM)) {
                cases.add(new Hostile(e.name() + ": task " + abbreviate(task), e.path().replace(SHIPMENT + ".1", task),
                        MediaType.APPLICATION_JSON, e.body(), 404, null));
            }
        }
        for (String[] id : new String[][] {{"a%24b", "taskId"}, {"x".repeat(65), "taskId"}, {"a%2Fb", null}}) {
            cases.add(new Hostile("assign: task id " + abbreviate(id[0]) + " in the path", "/api/tasks/" + id[0]
                    + "/assign", MediaType.APPLICATION_JSON, ASSIGN.body(), 400, id[1]));
        }
        cases.addAll(badIds(CONFIRM, "location", true));
        cases.addAll(badQuantities(CONFIRM, "quantity", true));
        cases.add(conflict(CONFIRM, "a task not assigned yet", CONFIRM.body()));
        cases.addAll(badLists(PACK, "cartons"));
        cases.addAll(badIds(PACK, "cartons[0].cartonId", true));
        cases.addAll(badIds(PACK, "cartons[0].lines[0].sku", true));
        cases.addAll(badQuantities(PACK, "cartons[0].lines[0].quantity", false));
        for (String value : List.of("-1", "1.5", "\"500\"", "null")) {
            cases.add(invalid(PACK, "weightGrams " + value, with(PACK.body(), "cartons[0].weightGrams", value),
                    "cartons[0].weightGrams"));
        }
        String carton = tree(PACK.body()).get("cartons").get(0).toString();
        cases.add(invalid(PACK, "the same carton twice", with(PACK.body(), "cartons", "[" + carton + "," + carton
                + "]"), "cartons[1].cartonId"));
        cases.add(conflict(PACK, "a shipment not picked yet", PACK.body()));
        cases.add(new Hostile("pack: an unknown shipment", "/api/shipments/no-such-shipment/pack",
                MediaType.APPLICATION_JSON, PACK.body(), 404, null));
        cases.addAll(badTexts(SHIP, "carrier", true));
        cases.addAll(badTexts(SHIP, "trackingNumber", true));
        cases.add(conflict(SHIP, "a shipment not packed yet", SHIP.body()));
        cases.add(new Hostile("ship: shipment id $ in the path", "/api/shipments/a%24b/ship",
                MediaType.APPLICATION_JSON, SHIP.body(), 400, "shipmentId"));
        return cases;
    }

    static List<Hostile> returnFields() {
        List<Hostile> cases = new ArrayList<>();
        for (String value : List.of("\"yesterday\"", "\"2026-11-30\"", "5", "{}")) {
            cases.add(invalid(DELIVERED, "deliveredAt " + value, with(DELIVERED.body(), "deliveredAt", value),
                    "deliveredAt"));
        }
        cases.add(conflict(DELIVERED, "an order not shipped yet", DELIVERED.body()));
        cases.add(new Hostile("delivered: an unknown order", "/api/orders/O-NONE/delivered",
                MediaType.APPLICATION_JSON, DELIVERED.body(), 404, null));
        Endpoint e = RETURNS;
        cases.addAll(badIds(e, "rmaId", false));
        cases.addAll(badLists(e, "lines"));
        cases.addAll(badIds(e, "lines[0].sku", true));
        cases.addAll(badQuantities(e, "lines[0].quantity", false));
        for (String value : List.of("\"\"", "\"" + "x".repeat(501) + "\"", "5", "null")) {
            cases.add(invalid(e, "reason " + abbreviate(value), with(e.body(), "reason", value), "reason"));
        }
        for (String value : List.of("\"REPLACE\"", "\"refund\"", "5", "null")) {
            cases.add(invalid(e, "resolution " + value, with(e.body(), "resolution", value), "resolution"));
        }
        cases.add(invalid(e, "an EXCHANGE without exchange lines", with(e.body(), "resolution", "\"EXCHANGE\""),
                "exchangeLines"));
        cases.add(invalid(e, "a REFUND with exchange lines", with(e.body(), "exchangeLines",
                "[{\"sku\":\"SKU-H\",\"quantity\":1}]"), "exchangeLines"));
        String line = tree(e.body()).get("lines").get(0).toString();
        cases.add(invalid(e, "the same sku on two lines", with(e.body(), "lines", "[" + line + "," + line + "]"),
                "lines[1].sku"));
        cases.add(conflict(e, "nothing shipped yet", e.body()));
        cases.add(conflict(e, "a sku not in the order", with(e.body(), "lines[0].sku", "\"SKU-OTHER\"")));
        cases.add(new Hostile("returns: an unknown order", "/api/orders/O-NONE/returns", MediaType.APPLICATION_JSON,
                e.body(), 404, null));
        e = RETURN_RECEIPT;
        cases.addAll(badIds(e, "warehouseId", true));
        cases.addAll(badLists(e, "lines"));
        cases.addAll(badIds(e, "lines[0].sku", true));
        cases.addAll(badIds(e, "lines[0].location", true));
        cases.addAll(badQuantities(e, "lines[0].quantity", false));
        for (String value : List.of("\"BROKEN\"", "\"sellable\"", "5", "null")) {
            cases.add(invalid(e, "condition " + value, with(e.body(), "lines[0].condition", value),
                    "lines[0].condition"));
        }
        cases.add(new Hostile("return receipt: an unknown return", "/api/returns/RMA-NONE/receipt",
                MediaType.APPLICATION_JSON, e.body(), 404, null));
        cases.add(new Hostile("return receipt: rma id $ in the path", "/api/returns/a%24b/receipt",
                MediaType.APPLICATION_JSON, e.body(), 400, "rmaId"));
        return cases;
    }

    /** A warehouse id in the path that is not an id: 400, a problem document, never the framework's page. */
    static List<Hostile> pathIds() {
        List<Hostile> cases = new ArrayList<>();
        for (Endpoint e : List.of(LOCATIONS, WORKERS, RECEIPTS, MOVES, COUNTS)) {
            String suffix = e.path().substring("/api/warehouses/WH-H".length());
            for (String[] id : new String[][] {{"$", "warehouseId"}, {"%24", "warehouseId"}, {"WH%24H", "warehouseId"},
                    {"a%20b", "warehouseId"}, {"%C3%A9", "warehouseId"}, {"x".repeat(65), "warehouseId"}, {"x".repeat(4000), "warehouseId"},
                    {"WH-H%2F", null}, {"a%2Fb", null}, {"a%2fb", null}, {"%2E%2E", null}, {"a%00b", null},
                    {"a%5Cb", null}, {"a;b=c", null}}) {
                cases.add(new Hostile(e.name() + ": warehouse id " + abbreviate(id[0]) + " in the path",
                        "/api/warehouses/" + id[0] + suffix, MediaType.APPLICATION_JSON, e.body(), 400, id[1]));
            }
        }
        return cases;
    }

    static Stream<Hostile> badQueries() {
        String level = "/api/inventory/SKU-H";
        String levels = "/api/inventory";
        String ledger = "/api/inventory/SKU-H/movements";
        List<Hostile> cases = new ArrayList<>();
        for (String path : List.of(level, levels, ledger)) {
            for (String value : List.of("abc", "-1", "1.5", "99999999999999999999")) {
                cases.add(query(path + "?minPosition=" + value, "minPosition"));
            }
        }
        for (String path : List.of(levels, ledger)) {
            for (String value : List.of("0", "501", "-1", "abc", "99999999999")) {
                cases.add(query(path + "?size=" + value, "size"));
            }
            for (String value : List.of("-1", "abc", "1.5", "99999999999")) {
                cases.add(query(path + "?page=" + value, "page"));
            }
            for (String value : List.of("a%24b", "a%20b", "x".repeat(65))) {
                cases.add(query(path + "?warehouseId=" + value, "warehouseId"));
            }
        }
        for (String value : List.of("-1", "abc", "1.5")) {
            cases.add(query(levels + "?maxAvailable=" + value, "maxAvailable"));
        }
        for (String value : List.of("xml", "pdf", "json,csv")) {
            cases.add(query(ledger + "?format=" + value, "format"));
        }
        for (String parameter : List.of("from", "to")) {
            for (String value : List.of("yesterday", "2026-11-26", "2026-11-26T10:15:30", "2026-13-01T00:00:00Z")) {
                cases.add(query(ledger + "?" + parameter + "=" + value, parameter));
            }
        }
        cases.add(query("/api/inventory/a%24b", "sku"));
        cases.add(query("/api/inventory/" + "x".repeat(65), "sku"));
        cases.add(query("/api/inventory/a%24b/movements", "sku"));
        cases.add(query("/api/inventory/a%2Fb", null));
        cases.add(query("/api/inventory/a%2Fb/movements", null));
        String orders = "/api/orders";
        for (String path : List.of(orders, "/api/orders/O-H", "/api/orders/O-H/history", "/api/backorders",
                "/api/customers/C-1/orders")) {
            cases.add(query(path + "?minPosition=abc", "minPosition"));
        }
        for (String path : List.of(orders, "/api/orders/O-H/history", "/api/backorders", "/api/customers/C-1/orders")) {
            cases.add(query(path + "?size=0", "size"));
            cases.add(query(path + "?size=501", "size"));
            cases.add(query(path + "?page=-1", "page"));
        }
        for (String value : List.of("SHIPPING", "placed", "1")) {
            cases.add(query(orders + "?status=" + value, "status"));
        }
        for (String parameter : List.of("channel", "customerId", "sku")) {
            cases.add(query(orders + "?" + parameter + "=a%24b", parameter));
        }
        for (String parameter : List.of("placedFrom", "placedTo")) {
            cases.add(query(orders + "?" + parameter + "=yesterday", parameter));
        }
        cases.add(query("/api/backorders?sku=a%24b", "sku"));
        cases.add(query("/api/orders/a%24b", "orderId"));
        cases.add(query("/api/orders/a%24b/history", "orderId"));
        cases.add(query("/api/customers/a%24b/orders", "customerId"));
        String tasks = "/api/tasks";
        String labor = "/api/kpis/labor";
        for (String path : List.of(tasks, "/api/tasks/T-H.1", "/api/shipments/S-H", "/api/returns/RMA-H", labor)) {
            for (String value : List.of("abc", "-1", "1.5", "99999999999999999999")) {
                cases.add(query(path + "?minPosition=" + value, "minPosition"));
            }
        }
        for (String path : List.of(tasks, labor)) {
            for (String value : List.of("0", "501", "-1", "abc")) {
                cases.add(query(path + "?size=" + value, "size"));
            }
            for (String value : List.of("-1", "abc", "1.5", "99999999999")) {
                cases.add(query(path + "?page=" + value, "page"));
            }
            for (String value : List.of("a%24b", "a%20b", "x".repeat(65))) {
                cases.add(query(path + "?warehouseId=" + value, "warehouseId"));
            }
        }
        for (String value : List.of("open", "PICKING", "DONE,OPEN", "1")) {
            cases.add(query(tasks + "?status=" + value, "status"));
        }
        for (String value : List.of("a%24b", "x".repeat(65))) {
            cases.add(query(tasks + "?workerId=" + value, "workerId"));
        }
        cases.add(query("/api/tasks/a%24b", "taskId"));
        cases.add(query("/api/tasks/" + "x".repeat(65), "taskId"));
        cases.add(query("/api/tasks/a%2Fb", null));
        cases.add(query("/api/shipments/a%24b", "shipmentId"));
        cases.add(query("/api/shipments/a%2Fb", null));
        String warehouses = "/api/warehouses";
        for (String path : List.of(warehouses, warehouses + "/WH-H")) {
            for (String value : List.of("abc", "-1", "1.5", "99999999999999999999", "1e3")) {
                cases.add(query(path + "?minPosition=" + value, "minPosition"));
            }
        }
        for (String value : List.of("0", "501", "-1", "abc", "1.5", "99999999999", "2147483648", "1e2")) {
            cases.add(query(warehouses + "?size=" + value, "size"));
        }
        for (String value : List.of("-1", "abc", "1.5", "99999999999", "2147483648", "%2D1")) {
            cases.add(query(warehouses + "?page=" + value, "page"));
        }
        for (String id : List.of("$", "%24", "WH%24H", "a%20b", "%C3%A9", "x".repeat(65), "x".repeat(3000),
                "%7B%22%24ne%22%3A1%7D")) {
            cases.add(query(warehouses + "/" + id, "warehouseId"));
        }
        for (String id : List.of("a%2Fb", "a%2fb", "%2E%2E", "a%00b", "a%5Cb", "WH-H%2F")) {
            cases.add(query(warehouses + "/" + id, null));
        }
        cases.add(query("/api/returns/a%24b", "rmaId"));
        cases.add(query("/api/returns/" + "x".repeat(65), "rmaId"));
        String asOf = "/api/inventory/SKU-H/as-of?at=2026-11-26T10:15:30Z";
        for (String value : List.of("yesterday", "2026-11-26", "2026-13-01T00:00:00Z")) {
            cases.add(query("/api/inventory/SKU-H/as-of?at=" + value, "at"));
        }
        cases.add(query(asOf + "&warehouseId=a%24b", "warehouseId"));
        cases.add(query(asOf + "&fromFirstEvent=maybe", "fromFirstEvent"));
        cases.add(query("/api/inventory/a%24b/as-of?at=2026-11-26T10:15:30Z", "sku"));
        String audit = "/api/audit/inventory-consistency";
        for (String value : List.of("abc", "-1", "1.5")) {
            cases.add(query(audit + "?minPosition=" + value, "minPosition"));
        }
        cases.add(query(audit + "?fromFirstEvent=maybe", "fromFirstEvent"));
        for (String path : List.of("/api/kpis", labor)) {
            for (String parameter : List.of("from", "to")) {
                cases.add(query(path + "?" + parameter + "=yesterday", parameter));
            }
        }
        cases.add(query("/api/kpis?warehouseId=a%24b", "warehouseId"));
        return cases.stream();
    }

    // ---------------------------------------------------------------- value tables

    /** Values that are not an id (1–64 of [A-Za-z0-9._-]); {@code required}: null and absence are refused too. */
    static List<Hostile> badIds(Endpoint e, String field, boolean required) {
        List<String> values = new ArrayList<>(List.of("\"\"", "\"a$b\"", "\"a/b\"", "\"a b\"", "\" SKU-H\"",
                "\"é\"", "\"\uD83D\uDE00\"", "\"a\\u0000b\"", "\"a\\nb\"", "\"" + "x".repeat(65) + "\"",
                "\"" + "x".repeat(10_000) + "\"", "5", "true", "{}", "[\"A-01\"]"));
        if (required) {
            values.add("null");
        }
        List<Hostile> cases = new ArrayList<>();
        for (String value : values) {
            cases.add(invalid(e, field + " " + abbreviate(value), with(e.body(), field, value), field));
        }
        if (required && !field.endsWith("]")) {
            cases.add(invalid(e, field + " missing", with(e.body(), field, null), field));
        }
        return cases;
    }

    /** Values that are not a whole quantity in range; a counted quantity may be 0. */
    static List<Hostile> badQuantities(Endpoint e, String field, boolean zeroAllowed) {
        List<String> values = new ArrayList<>(List.of("\"5\"", "\"\"", "1.5", "1.0", "-1", "1000001", "1e30",
                "99999999999999999999", "-99999999999999999999", "true", "[1]", "{}", "null"));
        if (!zeroAllowed) {
            values.add("0");
            values.add("-0");
        }
        List<Hostile> cases = new ArrayList<>();
        for (String value : values) {
            cases.add(invalid(e, field + " " + value, with(e.body(), field, value), field));
        }
        cases.add(invalid(e, field + " missing", with(e.body(), field, null), field));
        return cases;
    }

    /** Values that are not a required free text of 1–200 characters. */
    static List<Hostile> badTexts(Endpoint e, String field, boolean required) {
        List<Hostile> cases = new ArrayList<>();
        for (String value : List.of("\"\"", "\"   \"", "\"" + "x".repeat(201) + "\"", "5", "{}", "[\"a\"]", "true",
                "null")) {
            cases.add(invalid(e, field + " " + abbreviate(value), with(e.body(), field, value), field));
        }
        if (required) {
            cases.add(invalid(e, field + " missing", with(e.body(), field, null), field));
        }
        return cases;
    }

    /** Values that are not a non-empty list. */
    static List<Hostile> badLists(Endpoint e, String field) {
        List<Hostile> cases = new ArrayList<>();
        for (String value : List.of("[]", "{}", "\"A-01\"", "5", "null")) {
            cases.add(invalid(e, field + " " + value, with(e.body(), field, value), field));
        }
        cases.add(invalid(e, field + " [null]", with(e.body(), field, "[null]"), field + "[0]"));
        cases.add(invalid(e, field + " missing", with(e.body(), field, null), field));
        return cases;
    }

    // ---------------------------------------------------------------- helpers

    static Hostile json(Endpoint e, String what, String body) {
        return new Hostile(e.name() + ": " + what, e.path(), MediaType.APPLICATION_JSON, body, 400, null);
    }

    static Hostile invalid(Endpoint e, String what, String body, String field) {
        return new Hostile(e.name() + ": " + what, e.path(), MediaType.APPLICATION_JSON, body, 400, field);
    }

    static Hostile conflict(Endpoint e, String what, String body) {
        return new Hostile(e.name() + ": " + what, e.path(), MediaType.APPLICATION_JSON, body, 409, null);
    }

    static Hostile query(String path, String field) {
        return new Hostile("GET " + abbreviate(path), path, null, null, 400, field);
    }

    /** The state nothing may change: the head, the level, all levels, the ledger and the orders as the API answers them. */
    static State state() {
        long head = api.head();
        String at = "minPosition=" + head;
        return new State(head, api.get("auditor", "/api/inventory/SKU-H?" + at, HttpStatus.OK).text(),
                api.get("auditor", "/api/inventory?size=500&" + at, HttpStatus.OK).text(),
                api.get("auditor", "/api/inventory/SKU-H/movements?size=500&" + at, HttpStatus.OK).text(),
                api.get("auditor", "/api/orders?size=500&" + at, HttpStatus.OK).text());
    }

    /**
     * {@code body} with the value at {@code path} (e.g. {@code lines[0].quantity}) replaced by the raw JSON
     * {@code rawValue} exactly as written (so {@code 1.0} stays a fraction), or removed when it is null.
     */
    static String with(String body, String path, String rawValue) {
        try {
            JsonNode root = JSON.readTree(body);
            String[] steps = path.split("\\.");
            JsonNode parent = root;
            for (int i = 0; i < steps.length - 1; i++) {
                parent = step(parent, steps[i]);
            }
            String last = steps[steps.length - 1];
            String placeholder = "@@RAW@@";
            int bracket = last.indexOf('[');
            if (bracket < 0) {
                if (rawValue == null) {
                    ((ObjectNode) parent).remove(last);
                } else {
                    ((ObjectNode) parent).put(last, placeholder);
                }
            } else {
                ArrayNode array = (ArrayNode) parent.get(last.substring(0, bracket));
                int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
                if (rawValue == null) {
                    array.remove(index);
                } else if (index < array.size()) {
                    array.set(index, placeholder);
                } else {
                    array.add(placeholder);
                }
            }
            String written = JSON.writeValueAsString(root);
            return rawValue == null ? written : written.replace("\"" + placeholder + "\"", rawValue);
        } catch (Exception ex) {
            throw new IllegalArgumentException(path, ex);
        }
    }

    private static JsonNode step(JsonNode node, String step) {
        int bracket = step.indexOf('[');
        if (bracket < 0) {
            return node.get(step);
        }
        return node.get(step.substring(0, bracket)).get(Integer.parseInt(step.substring(bracket + 1,
                step.length() - 1)));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The body padded with spaces before its closing brace to exactly {@code bytes} bytes. */
    static byte[] padded(String body, int bytes) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes];
        System.arraycopy(raw, 0, padded, 0, raw.length - 1);
        java.util.Arrays.fill(padded, raw.length - 1, bytes - 1, (byte) ' ');
        padded[bytes - 1] = '}';
        return padded;
    }

    /** The body in 64 KiB chunks, so it is sent without a Content-Length. */
    static Flux<DataBuffer> streamed(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        int chunk = 64 * 1024;
        return Flux.range(0, (raw.length + chunk - 1) / chunk).map(i -> DefaultDataBufferFactory.sharedInstance
                .wrap(java.util.Arrays.copyOfRange(raw, i * chunk, Math.min(raw.length, (i + 1) * chunk))));
    }

    /** The body with a malformed UTF-8 sequence inside its first string value. */
    static byte[] invalidUtf8(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        int quote = body.indexOf(":\"") + 2;
        byte[] broken = new byte[raw.length + 2];
        System.arraycopy(raw, 0, broken, 0, quote);
        broken[quote] = (byte) 0xC3;
        broken[quote + 1] = (byte) 0x28;
        System.arraycopy(raw, quote, broken, quote + 2, raw.length - quote);
        return broken;
    }

    static String abbreviate(String value) {
        return value.length() > 24 ? value.substring(0, 10) + "…(" + value.length() + " chars)" : value;
    }
}
