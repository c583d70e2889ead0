package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.projections.ReadModels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Reading back the warehouses (issue 14): what was registered, added and hired comes back through
 * {@code GET /api/warehouses} and {@code /api/warehouses/{warehouseId}}, served by the {@code warehouses} read model:
 * content, paging, 404, read-your-writes, roles, and the same answers after a replay of the read model.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarehouseApiTest {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final Api api = system.api();
    /** The X-Event-Position of the last command of the set-up. */
    static long position;

    @BeforeAll
    static void warehouses() {
        // Registered out of id order, with locations out of name order and a repeat: the answers sort both.
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("WH-C", "Charlie", "Z-9"),
                HttpStatus.CREATED);
        api.post("admin", "/api/warehouses", InventoryApiTest.warehouse("WH-A", "Alpha", "B-02", "A-01", "B-02"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("WH-B", "Bravo", "OUTBOUND", "A-01"),
                HttpStatus.CREATED);
        // Only C-03 is new; A-01 is there already.
        api.post("warehouse", "/api/warehouses/WH-A/locations", "{\"locations\":[\"C-03\",\"A-01\"]}",
                HttpStatus.OK);
        api.post("warehouse", "/api/warehouses/WH-A/workers", worker("K-2", "Kai"), HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/WH-A/workers", worker("K-1", "Kim"), HttpStatus.CREATED);
        // Repeats store nothing and change nothing.
        api.post("warehouse", "/api/warehouses/WH-A/workers", worker("K-1", "Kim"), HttpStatus.OK);
        position = api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("WH-A", "Alpha", "A-01",
                "B-02"), HttpStatus.OK).position();
    }

    @Test
    @Order(1)
    void aWarehouseReadsBackWithItsLocationsAndWorkers() {
        assertThat(api.read("warehouse", "/api/warehouses/WH-A", position)).isEqualTo(HostileInputTest.tree("""
                {"warehouseId":"WH-A","name":"Alpha","locations":["A-01","B-02","C-03","OUTBOUND"],
                 "workers":[{"workerId":"K-1","name":"Kim"},{"workerId":"K-2","name":"Kai"}]}"""));
        assertThat(api.read("viewer", "/api/warehouses/WH-B", position)).isEqualTo(HostileInputTest.tree("""
                {"warehouseId":"WH-B","name":"Bravo","locations":["A-01","OUTBOUND"],"workers":[]}"""));
    }

    @Test
    @Order(1)
    void theListPagesByWarehouseId() {
        JsonNode all = api.read("agent", "/api/warehouses", position);
        assertThat(all.path("page").asInt()).isZero();
        assertThat(all.path("size").asInt()).as("the default size").isEqualTo(50);
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(ids(all)).containsExactly("WH-A", "WH-B", "WH-C");
        for (JsonNode warehouse : all.path("items")) {
            assertThat(warehouse).as("a list item is the warehouse as read alone").isEqualTo(api.read("agent",
                    "/api/warehouses/" + warehouse.path("warehouseId").asText(), position));
        }

        JsonNode first = api.read("auditor", "/api/warehouses?page=0&size=2", position);
        assertThat(ids(first)).containsExactly("WH-A", "WH-B");
        assertThat(first.path("total").asLong()).isEqualTo(3);
        JsonNode second = api.read("auditor", "/api/warehouses?page=1&size=2", position);
        assertThat(ids(second)).containsExactly("WH-C");
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(second.path("size").asInt()).isEqualTo(2);
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(ids(api.read("auditor", "/api/warehouses?page=2&size=1", position))).containsExactly("WH-C");
        assertThat(ids(api.read("auditor", "/api/warehouses?page=3&size=1", position))).isEmpty();
        assertThat(ids(api.read("auditor", "/api/warehouses?size=500", position))).hasSize(3);

        for (String size : List.of("0", "501")) {
            JsonNode problem = api.get("auditor", "/api/warehouses?size=" + size, HttpStatus.BAD_REQUEST).problem();
            assertThat(problem.path("errors").path(0).path("field").asText()).isEqualTo("size");
        }
        assertThat(api.get("auditor", "/api/warehouses?page=-1", HttpStatus.BAD_REQUEST).problem()
                .path("errors").path(0).path("field").asText()).isEqualTo("page");
    }

    @Test
    @Order(1)
    void anUnknownWarehouseIs404() {
        JsonNode problem = api.get("warehouse", "/api/warehouses/WH-NONE", HttpStatus.NOT_FOUND).problem();
        assertThat(problem.path("detail").asText()).isEqualTo("Unknown warehouse WH-NONE.");
        assertThat(problem.path("type").asText()).endsWith("/not-found");
    }

    @Test
    @Order(1)
    void everyRoleButChannelReadsWarehouses() {
        for (String user : List.of("agent", "warehouse", "auditor", "viewer", "admin")) {
            assertThat(ids(api.read(user, "/api/warehouses", position))).as(user).hasSize(3);
            assertThat(api.read(user, "/api/warehouses/WH-C", position).path("name").asText()).isEqualTo("Charlie");
        }
        for (String path : List.of("/api/warehouses", "/api/warehouses/WH-C", "/api/warehouses/WH-NONE")) {
            api.get("channel", path, HttpStatus.FORBIDDEN).problem();
            assertThat(api.send(null, HttpMethod.GET, path, null, null).status()).isEqualTo(401);
        }
    }

    /**
     * With the read model stopped, a query for the position of a new worker waits and answers 503 after 5 s; asked
     * again, it waits until the read model has caught up and shows the worker.
     */
    @Test
    @Order(2)
    void aReadWaitsForItsMinPosition() {
        StreamingEventProcessor processor = system.app().bean(EventProcessingConfiguration.class)
                .eventProcessor(ReadModels.WAREHOUSES, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            long hired = api.post("warehouse", "/api/warehouses/WH-C/workers", worker("K-9", "Noor"),
                    HttpStatus.CREATED).position();
            Api.Response late = api.send("agent", HttpMethod.GET, "/api/warehouses/WH-C?minPosition=" + hired, null,
                    null);
            assertThat(late.status()).isEqualTo(503);
            assertThat(late.problem().path("type").asText()).endsWith("/not-yet-consistent");

            CompletableFuture.runAsync(processor::start, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
            assertThat(api.read("agent", "/api/warehouses/WH-C", hired).path("workers")).isEqualTo(
                    HostileInputTest.tree("[{\"workerId\":\"K-9\",\"name\":\"Noor\"}]"));
            assertThat(api.read("agent", "/api/warehouses?page=2&size=1", hired).path("items").path(0)
                    .path("workers").path(0).path("workerId").asText()).isEqualTo("K-9");
        } finally {
            processor.start();
        }
    }

    @Test
    @Order(3)
    void aReplayRebuildsTheSameAnswers() {
        long head = api.head();
        List<String> paths = List.of("/api/warehouses", "/api/warehouses?page=1&size=2", "/api/warehouses/WH-A",
                "/api/warehouses/WH-B", "/api/warehouses/WH-C");
        List<String> before = paths.stream().map(path -> api.read("auditor", path, head).toString()).toList();

        api.post("admin", "/api/admin/projections/" + ReadModels.WAREHOUSES + "/replay", "", HttpStatus.ACCEPTED);
        ReadModelReplays replays = system.app().bean(ReadModelReplays.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> replays.progress(ReadModels.WAREHOUSES).isEmpty());

        assertThat(paths.stream().map(path -> api.read("auditor", path, head).toString()).toList())
                .isEqualTo(before);
        assertThat(system.app().bean(MongoTemplate.class).getCollection("warehouses_g1")
                .countDocuments(Filters.eq("_id", "WH-A"))).as("answered from the rebuilt copy").isEqualTo(1);
    }

    /** The API description names every answer of both reads, its refusals as problem documents. */
    @Test
    @Order(1)
    void theApiDescriptionDocumentsEveryAnswer() {
        JsonNode paths = api.get("viewer", "/v3/api-docs", HttpStatus.OK).json().path("paths");
        for (String path : List.of("/api/warehouses", "/api/warehouses/{warehouseId}")) {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.path("summary").asText()).as(path).isNotEmpty();
            assertThat(get.path("description").asText()).as(path).contains("CHANNEL");
            assertThat(get.path("tags").path(0).asText()).isEqualTo("Warehouses and workers");
            List<String> refusals = path.endsWith("}") ? List.of("400", "401", "403", "404", "406", "429", "503")
                    : List.of("400", "401", "403", "406", "429", "503");
            assertThat(get.path("responses").fieldNames()).toIterable().as(path)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(java.util.stream.Stream.of(
                            "200"), refusals.stream()).toList());
            for (String status : refusals) {
                assertThat(get.path("responses").path(status).path("content").has("application/problem+json"))
                        .as("%s %s", path, status).isTrue();
            }
        }
    }

    private static String worker(String workerId, String name) {
        return "{\"workerId\":\"%s\",\"name\":\"%s\"}".formatted(workerId, name);
    }

    private static List<String> ids(JsonNode page) {
        return InventoryApiTest.items(page).stream().map(item -> item.path("warehouseId").asText()).toList();
    }
}
