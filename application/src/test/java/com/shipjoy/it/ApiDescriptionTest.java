package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Issue 14: the served OpenAPI description is one an integrator can trust. A journey through every operation, each
 * exchange checked against the description as a validating proxy would: the status is documented for the operation,
 * the answer is valid by the schema of that status and media type, and an accepted request is valid by the request's
 * schemas. Every operation must be exercised with a success, so a new endpoint cannot slip by undescribed. Streams are
 * checked by status and media type only. Then Spectral's OpenAPI ruleset finds nothing in the description.
 */
class ApiDescriptionTest {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.security.sign-in.slowdown=PT0.01S");
    private static final Api api = system.api();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String W = "OA-W1";
    private static final String MUG = "OA-MUG";
    private static final Map<String, String> KEY_1 = Map.of("Idempotency-Key", "oa-key-1");
    private static final Map<String, String> KEY_2 = Map.of("Idempotency-Key", "oa-key-2");
    /** The headers of ours an answer may carry; each must be in the description where it comes. */
    private static final List<String> DESCRIBED_HEADERS = List.of("X-Event-Position", "Idempotent-Replayed",
            HttpHeaders.RETRY_AFTER);

    private static String description;
    private static OpenApiInteractionValidator validator;
    private static List<Operation> operations;

    /** The operations answered with a success, as "GET /api/orders/{orderId}". */
    private final Set<String> succeeded = new TreeSet<>();

    /** An operation of the description; {@code path} matches a concrete path. */
    private record Operation(String method, String template, Pattern path, JsonNode responses) {

        String key() {
            return method + " " + template;
        }
    }

    @BeforeAll
    static void readTheDescription() throws IOException {
        description = api.get("viewer", "/v3/api-docs", HttpStatus.OK).text();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(description).build();
        operations = new ArrayList<>();
        JSON.readTree(description).path("paths").fields().forEachRemaining(path -> path.getValue().fields()
                .forEachRemaining(operation -> operations.add(new Operation(operation.getKey().toUpperCase(),
                        path.getKey(), Pattern.compile(path.getKey().replaceAll("\\{[^/]+}", "[^/]+")),
                        operation.getValue().path("responses")))));
        // A literal segment wins over a template: /api/orders/x/history before /api/orders/{orderId}.
        operations.sort(Comparator.comparingLong(operation -> operation.template().chars()
                .filter(c -> c == '{').count()));
    }

    @Test
    void everyOperationAnswersAsDescribed() throws Exception {
        // Warehouses and workers
        String warehouse = "{\"warehouseId\":\"" + W + "\",\"name\":\"Main\",\"locations\":[\"A-01\",\"A-02\"]}";
        post("warehouse", "/api/warehouses", warehouse, 201);
        post("warehouse", "/api/warehouses", warehouse, 200);
        post("warehouse", "/api/warehouses", warehouse.replace("Main", "Other"), 409);
        post("warehouse", "/api/warehouses/" + W + "/locations", "{\"locations\":[\"B-01\"]}", 200);
        post("warehouse", "/api/warehouses/OA-NOWHERE/locations", "{\"locations\":[\"B-01\"]}", 404);
        post("warehouse", "/api/warehouses/" + W + "/workers", "{\"workerId\":\"ann\",\"name\":\"Ann\"}", 201);
        long registered = post("warehouse", "/api/warehouses/" + W + "/workers", "{\"workerId\":\"ann\","
                + "\"name\":\"Ann\"}", 200).position();
        get("warehouse", "/api/warehouses?minPosition=" + registered, 200);
        get("warehouse", "/api/warehouses/" + W + "?minPosition=" + registered, 200);
        get("warehouse", "/api/warehouses/OA-NOWHERE", 404);

        // Stock
        String receipt = "{\"receiptId\":\"OA-R1\",\"reference\":\"PO-1\",\"lines\":[{\"sku\":\"" + MUG
                + "\",\"quantity\":10,\"location\":\"A-01\"}]}";
        post("warehouse", "/api/warehouses/" + W + "/receipts", receipt, 201);
        post("warehouse", "/api/warehouses/" + W + "/receipts", receipt, 200);
        post("warehouse", "/api/warehouses/" + W + "/receipts", receipt.replace(":10", ":11"), 409);
        post("warehouse", "/api/warehouses/" + W + "/moves", move(2), 200);
        post("warehouse", "/api/warehouses/" + W + "/moves", move(1000), 409);
        assertStatus(exchange("warehouse", HttpMethod.POST, "/api/warehouses/" + W + "/moves",
                MediaType.APPLICATION_JSON, move(1), KEY_2), 200);
        assertStatus(exchange("warehouse", HttpMethod.POST, "/api/warehouses/" + W + "/moves",
                MediaType.APPLICATION_JSON, move(2), KEY_2), 409);
        post("warehouse", "/api/warehouses/" + W + "/counts", "{\"sku\":\"" + MUG + "\",\"location\":\"A-02\","
                + "\"countedQuantity\":3,\"reason\":\"cycle count\"}", 200);

        // Orders: placed with a retry under an Idempotency-Key, placed again, conflicting, backordered
        ObjectNode first = order("web", "OA-1", "OA-CUST", MUG, 3).put("orderId", "OA-O1");
        assertThat(exchange("channel", HttpMethod.POST, "/api/orders", MediaType.APPLICATION_JSON,
                first.toString(), KEY_1).status()).isEqualTo(201);
        Api.Response replayed = exchange("channel", HttpMethod.POST, "/api/orders", MediaType.APPLICATION_JSON,
                first.toString(), KEY_1);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        post("channel", "/api/orders", first.toString(), 200);
        post("channel", "/api/orders", order("web", "OA-1", "OA-CUST", MUG, 4).toString(), 409);
        post("channel", "/api/orders", order("web", "OA-2", "OA-CUST", "OA-NONE", 1).toString(), 201);
        post("channel", "/api/orders", order("web", "OA-3", "OA-CUST", MUG, 1).put("orderId", "OA-O3").toString(),
                201);
        long placed = post("channel", "/api/orders", order("web", "OA-4", "OA-CUST", MUG, 1)
                .put("orderId", "OA-O4").toString(), 201).position();

        // Tasks: handed out, listed, assigned, a 204 once none is open, confirmed
        JsonNode task = post("warehouse", "/api/warehouses/" + W + "/tasks/next", "{\"workerId\":\"ann\"}", 200)
                .json();
        assertThat(task.path("orderId").asText()).isEqualTo("OA-O1");
        JsonNode open = get("warehouse", "/api/tasks?warehouseId=" + W + "&status=OPEN&minPosition=" + placed, 200)
                .json().path("items");
        String third = taskOf(open, "OA-O3");
        post("warehouse", "/api/tasks/" + third + "/assign", "{\"workerId\":\"ann\"}", 200);
        post("warehouse", "/api/tasks/" + third + "/assign", "{\"workerId\":\"ann\"}", 409);
        post("agent", "/api/orders/OA-O4/cancel", "{\"reason\":\"changed my mind\"}", 200);
        post("warehouse", "/api/warehouses/" + W + "/tasks/next", "{\"workerId\":\"ann\"}", 204);
        String taskId = task.path("taskId").asText();
        post("warehouse", "/api/tasks/" + taskId + "/confirm", "{\"workerId\":\"ann\",\"location\":\""
                + task.path("location").asText() + "\",\"quantity\":3}", 200);
        post("warehouse", "/api/tasks/OA-NOTASK/confirm", "{\"workerId\":\"ann\",\"location\":\"A-01\","
                + "\"quantity\":1}", 404);

        // Pack, ship, deliver
        String shipment = "/api/shipments/" + task.path("shipmentId").asText();
        post("warehouse", shipment + "/pack", "{\"cartons\":[{\"cartonId\":\"C-1\",\"weightGrams\":900,\"lines\":"
                + "[{\"sku\":\"" + MUG + "\",\"quantity\":3}]}]}", 200);
        post("warehouse", shipment + "/ship", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-1\"}", 200);
        post("warehouse", shipment + "/ship", "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-2\"}", 409);
        post("warehouse", "/api/orders/OA-O3/delivered", "{}", 409);
        post("warehouse", "/api/orders/OA-O1/delivered", "{\"deliveredAt\":\"" + Instant.now() + "\"}", 200);

        // Returns: a refund received damaged, an exchange received sellable
        post("agent", "/api/orders/OA-O1/returns", returnOf("OA-RMA1", "REFUND", ""), 201);
        post("warehouse", "/api/returns/OA-RMA1/receipt", receiptOf("DAMAGED"), 200);
        post("agent", "/api/orders/OA-O1/returns", returnOf("OA-RMA2", "EXCHANGE",
                ",\"exchangeLines\":[{\"sku\":\"" + MUG + "\",\"quantity\":1}]"), 201);
        long received = post("warehouse", "/api/returns/OA-RMA2/receipt", receiptOf("SELLABLE"), 200).position();
        post("warehouse", "/api/returns/OA-NORMA/receipt", receiptOf("SELLABLE"), 404);

        // Reads, at the position of the last command
        String at = "minPosition=" + received;
        JsonNode exchange = get("agent", "/api/returns/OA-RMA2?" + at, 200).json();
        assertThat(exchange.path("exchangeOrderId").asText()).isNotEmpty();
        get("agent", "/api/returns/OA-RMA1?" + at, 200);
        get("agent", "/api/orders/OA-O1?" + at, 200);
        get("agent", "/api/orders/" + exchange.path("exchangeOrderId").asText() + "?" + at, 200);
        get("agent", "/api/orders/OA-O4?" + at, 200);
        get("agent", "/api/orders?channel=web&status=BACKORDERED&size=10&" + at, 200);
        get("agent", "/api/orders?placedFrom=2020-01-01T00:00:00Z&" + at, 200);
        get("agent", "/api/customers/OA-CUST/orders?" + at, 200);
        get("agent", "/api/orders/OA-O1/history?size=100&" + at, 200);
        get("agent", "/api/backorders?" + at, 200);
        get("warehouse", "/api/tasks?" + at, 200);
        get("warehouse", "/api/tasks/" + taskId + "?" + at, 200);
        get("warehouse", "/api/tasks/" + third + "?" + at, 200);
        get("warehouse", shipment + "?" + at, 200);
        get("warehouse", "/api/inventory/" + MUG + "?" + at, 200);
        get("warehouse", "/api/inventory?warehouseId=" + W + "&" + at, 200);
        get("warehouse", "/api/inventory?maxAvailable=100&" + at, 200);
        get("warehouse", "/api/inventory/" + MUG + "/movements?" + at, 200);
        Api.Response csv = get("warehouse", "/api/inventory/" + MUG + "/movements?format=csv&" + at, 200);
        assertThat(csv.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/csv");
        get("warehouse", "/api/inventory/" + MUG + "/as-of?at=" + Instant.now(), 200);
        get("auditor", "/api/audit/inventory-consistency?" + at, 200);
        get("viewer", "/api/kpis?" + at, 200);
        get("viewer", "/api/kpis?warehouseId=" + W + "&" + at, 200);
        get("viewer", "/api/kpis/labor?" + at, 200);

        // Projections
        get("auditor", "/api/admin/projections", 200);
        get("auditor", "/api/admin/projections/orders/dead-letters", 200);
        get("auditor", "/api/admin/projections/nothing/dead-letters", 404);
        post("admin", "/api/admin/projections/returns/dead-letters/retry", null, 202);
        post("admin", "/api/admin/projections/backorders/replay", null, 202);

        // Streams: status and media type
        for (String stream : List.of("/api/streams/orders?orderId=OA-O1", "/api/streams/inventory?sku=" + MUG,
                "/api/streams/kpis")) {
            stream("viewer", stream);
        }

        // Refusals
        JsonNode invalid = post("channel", "/api/orders", order("web", "OA-5", "OA-CUST", MUG, 0).toString(), 400)
                .problem();
        assertThat(invalid.path("errors").get(0).path("field").asText()).isEqualTo("lines[0].quantity");
        get("agent", "/api/orders?size=0", 400);
        get(null, "/api/orders", 401);
        post(null, "/api/orders", first.toString(), 401);
        post("viewer", "/api/orders", first.toString(), 403);
        get("channel", "/api/backorders", 403);
        get("agent", "/api/orders/OA-NOPE", 404);
        get("warehouse", "/api/inventory/OA-NOPE", 404);
        get("warehouse", "/api/inventory/OA-NOPE/movements", 404);
        get("warehouse", "/api/tasks/OA-NOPE", 404);
        get("warehouse", "/api/shipments/OA-NOPE", 404);
        get("agent", "/api/returns/OA-NOPE", 404);
        String tooLarge = "{\"reason\":\"" + "x".repeat(1_100_000) + "\"}";
        assertStatus(exchange("agent", HttpMethod.POST, "/api/orders/OA-O3/cancel", MediaType.APPLICATION_JSON,
                tooLarge, Map.of()), 413);
        assertStatus(exchange("agent", HttpMethod.POST, "/api/orders/OA-O3/cancel", MediaType.TEXT_PLAIN,
                "cancel", Map.of()), 415);
        get("warehouse", "/api/inventory/" + MUG + "?minPosition=" + (received + 1_000_000), 503);
        Map<String, String> xml = Map.of(HttpHeaders.ACCEPT, MediaType.APPLICATION_XML_VALUE);
        assertStatus(exchange("agent", HttpMethod.GET, "/api/orders/OA-O1", null, null, xml), 406);
        assertStatus(exchange("agent", HttpMethod.POST, "/api/orders/OA-O3/cancel", MediaType.APPLICATION_JSON,
                "{\"reason\":\"xml\"}", xml), 406);
        // Sign-in throttled: five wrong passwords for a user name, then even the right one is 429 for a while.
        for (int failure = 1; failure <= 5; failure++) {
            assertStatus(exchange("agent:wrong", HttpMethod.GET, "/api/backorders", null, null, Map.of()), 401);
        }
        assertStatus(exchange("agent", HttpMethod.GET, "/api/backorders", null, null, Map.of()), 429);

        Set<String> never = new TreeSet<>();
        operations.forEach(operation -> never.add(operation.key()));
        never.removeAll(succeeded);
        assertThat(never).as("operations of the description never answered with a success here").isEmpty();
    }

    @Test
    void spectralsOpenApiRulesetFindsNothing() throws Exception {
        Path tools = Path.of("spectral").toAbsolutePath();
        Path spectral = tools.resolve("node_modules/.bin/spectral");
        if (!Files.isExecutable(spectral)) {
            run(tools, Duration.ofMinutes(10), "npm", "ci", "--no-audit", "--no-fund");
        }
        Path served = Files.createTempFile("api-docs", ".json");
        try {
            Files.writeString(served, description);
            run(tools, Duration.ofMinutes(2), spectral.toString(), "lint", "--ruleset", ".spectral.yaml",
                    "--fail-severity", "warn", "--format", "text", served.toString());
        } finally {
            Files.delete(served);
        }
    }

    // ---------------------------------------------------------------- exchanges

    private Api.Response post(String user, String path, String json, int status) {
        Api.Response response = exchange(user, HttpMethod.POST, path, json == null ? null : MediaType.APPLICATION_JSON,
                json, Map.of());
        assertStatus(response, status);
        return response;
    }

    private Api.Response get(String user, String pathAndQuery, int status) {
        Api.Response response = exchange(user, HttpMethod.GET, pathAndQuery, null, null, Map.of());
        assertStatus(response, status);
        return response;
    }

    /**
     * Sends the request and checks the exchange against the description. {@code user}: "name" signs in with the
     * development password, "name:password" with that one, null not at all.
     */
    private Api.Response exchange(String user, HttpMethod method, String pathAndQuery, MediaType contentType,
                                  String body, Map<String, String> headers) {
        Api.Response response = api.send(null, method, pathAndQuery, contentType, body, sent -> {
            if (user != null) {
                sent.set(HttpHeaders.AUTHORIZATION, basic(user));
            }
            headers.forEach(sent::set);
        });
        check(user, method, pathAndQuery, contentType, body, headers, response);
        return response;
    }

    private void check(String user, HttpMethod method, String pathAndQuery, MediaType contentType, String body,
                       Map<String, String> headers, Api.Response response) {
        String path = pathAndQuery.split("\\?", 2)[0];
        Operation operation = operation(method.name(), path);
        int status = response.status();
        String exchange = method + " " + pathAndQuery.substring(0, Math.min(pathAndQuery.length(), 200)) + " -> "
                + status;
        assertThat(operation.responses().has(String.valueOf(status)))
                .as("%s: status documented for %s (documented: %s)", exchange, operation.key(),
                        iterable(operation.responses().fieldNames()))
                .isTrue();
        for (String header : DESCRIBED_HEADERS) {
            if (response.header(header) != null) {
                assertThat(operation.responses().path(String.valueOf(status)).path("headers").has(header))
                        .as("%s: header %s documented", exchange, header).isTrue();
            }
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withBody(response.text());
        response.result().getResponseHeaders().forEach(answer::withHeader);
        ValidationReport report;
        if (status < 300) {
            succeeded.add(operation.key());
            SimpleRequest.Builder request = new SimpleRequest.Builder(method.name(), path);
            if (user != null) {
                request.withAuthorization(basic(user));
            }
            if (contentType != null) {
                request.withContentType(contentType.toString());
            }
            if (body != null) {
                request.withBody(body);
            }
            headers.forEach(request::withHeader);
            query(pathAndQuery).forEach(parameter -> request.withQueryParam(parameter[0], parameter[1]));
            report = validator.validate(request.build(), answer.build());
        } else {
            report = validator.validateResponse(path, Request.Method.valueOf(method.name()), answer.build());
        }
        if (report.hasErrors()) {
            fail("%s does not conform to the description:%n%s%nAnswer: %s", exchange,
                    SimpleValidationReportFormat.getInstance().apply(report),
                    response.text().substring(0, Math.min(response.text().length(), 2_000)));
        }
    }

    /** A stream: its status and media type, as the description has them; the stream is closed at once. */
    private void stream(String user, String pathAndQuery) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(system.app().baseUrl() + pathAndQuery)).header(HttpHeaders.AUTHORIZATION,
                        basic(user)).header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream ignored = response.body()) {
            Operation operation = operation("GET", pathAndQuery.split("\\?", 2)[0]);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(""))
                    .startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
            assertThat(operation.responses().path("200").path("content").has(MediaType.TEXT_EVENT_STREAM_VALUE))
                    .as("%s is described as a stream", operation.key()).isTrue();
            succeeded.add(operation.key());
        }
    }

    private static Operation operation(String method, String path) {
        return operations.stream()
                .filter(operation -> operation.method().equals(method) && operation.path().matcher(path).matches())
                .findFirst()
                .orElseThrow(() -> new AssertionError("No operation of the description for " + method + " " + path));
    }

    private static void assertStatus(Api.Response response, int status) {
        assertThat(response.status()).as("status; answer: %s", response.text()).isEqualTo(status);
    }

    private static List<String[]> query(String pathAndQuery) {
        String[] parts = pathAndQuery.split("\\?", 2);
        if (parts.length < 2) {
            return List.of();
        }
        return List.of(parts[1].split("&")).stream().map(pair -> pair.split("=", 2))
                .map(pair -> new String[] {decode(pair[0]), decode(pair.length > 1 ? pair[1] : "")}).toList();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String basic(String user) {
        String credentials = user.contains(":") ? user : user + ":" + user;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    // ---------------------------------------------------------------- the journey's requests

    private static String move(long quantity) {
        return "{\"sku\":\"" + MUG + "\",\"quantity\":" + quantity + ",\"from\":\"A-01\",\"to\":\"A-02\"}";
    }

    private static String returnOf(String rmaId, String resolution, String more) {
        return "{\"rmaId\":\"" + rmaId + "\",\"lines\":[{\"sku\":\"" + MUG + "\",\"quantity\":1}],\"reason\":\"too "
                + "small\",\"resolution\":\"" + resolution + "\"" + more + "}";
    }

    private static String receiptOf(String condition) {
        return "{\"warehouseId\":\"" + W + "\",\"lines\":[{\"sku\":\"" + MUG + "\",\"quantity\":1,\"condition\":\""
                + condition + "\",\"location\":\"A-01\"}]}";
    }

    private static String taskOf(JsonNode tasks, String orderId) {
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(task -> task.path("orderId").asText().equals(orderId))
                .map(task -> task.path("taskId").asText())
                .findFirst().orElseThrow(() -> new AssertionError("No open task of " + orderId + " in " + tasks));
    }

    /** Runs a tool in {@code directory}; fails with its output unless it exits 0. */
    private static void run(Path directory, Duration timeout, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command[0] + ": this test needs Node.js 20 and npm on the PATH "
                    + "to install and run Spectral (" + e.getMessage() + ")", e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("%s ends", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s%n%s", String.join(" ", command),
                new String(output, StandardCharsets.UTF_8)).isZero();
    }
}
