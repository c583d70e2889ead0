package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.projections.ReadModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * {@code POST /api/admin/projections/{name}/replay} (issue 12): every read model is rebuilt into a copy of its own
 * while a client keeps querying it and gets the old copy's exact answers until the switch and the same after it;
 * progress rises to 1; a second replay meanwhile is 409; the old copy's collections go; streams send nothing of it;
 * a write made during a replay is in the new copy; a replay interrupted by a restart resumes. Shadow processors
 * take one event per batch here, so that a replay lasts long enough to be caught in the middle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionReplayTest {

    /** Collections of the read-model database that belong to no read model. */
    private static final Set<String> NOT_READ_MODELS = Set.of("trackingtokens", "stream_changes",
            "read_model_generations", "dead_letters");

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.replay.batch-size=1");
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    @BeforeAll
    static void history() {
        ReadModelHistory.build(api);
    }

    @Test
    @Order(1)
    void everyReadModelIsReplayedWhileEveryQueryKeepsItsAnswer() {
        Map<String, String> before = ReadModelHistory.answers(api);
        Set<String> oldCollections = readModelCollections();
        try (SseClient orders = SseClient.open(app, "viewer", "/api/streams/orders");
             SseClient inventory = SseClient.open(app, "viewer", "/api/streams/inventory");
             Reader reader = new Reader(before)) {
            for (String name : ReadModels.ALL) {
                Api.Response started = replay(name, HttpStatus.ACCEPTED);
                assertThat(started.json().path("name").asText()).isEqualTo(name);
                assertThat(started.json().path("generation").asLong()).isEqualTo(1);
                assertThat(started.json().path("headPosition").asLong()).isEqualTo(api.head());
                assertThat(started.header("Location")).isEqualTo("/api/admin/projections");
                Api.Response again = replay(name, HttpStatus.CONFLICT);
                assertThat(again.problem().path("status").asInt()).isEqualTo(409);

                assertThat(progressUntilDone(name)).as("%s's progress", name).isSorted().endsWith(1.0);
            }
            assertThat(reader.stop()).as("queries answered during the replays").isGreaterThan(0);
            assertThat(reader.failures).as("answers that differed from before the replays").isEmpty();
            assertThat(orders.poll(Duration.ofMillis(500))).as("an orders change sent by a replay").isNull();
            assertThat(inventory.poll(Duration.ZERO)).as("an inventory change sent by a replay").isNull();
            assertThat(ReadModelHistory.answers(api)).as("the answers after the switches").isEqualTo(before);

            api.post("warehouse", "/api/warehouses/W1/receipts",
                    InventoryApiTest.receipt("R-AFTER", "SKU-AFTER", 2, "A-01"), HttpStatus.CREATED);
            assertThat(inventory.next().data().path("sku").asText()).as("the live part after the switch")
                    .isEqualTo("SKU-AFTER");
        }
        for (String old : oldCollections) {
            assertThat(readModelCollections()).as("the old copy is dropped, the new one is there")
                    .doesNotContain(old).contains(old + "_g1");
        }
    }

    @Test
    @Order(2)
    void aWriteDuringAReplayIsInTheNewCopyAndStreamedOnce() {
        try (SseClient inventory = SseClient.open(app, "viewer", "/api/streams/inventory")) {
            replay(ReadModels.INVENTORY, HttpStatus.ACCEPTED);
            long position = api.post("warehouse", "/api/warehouses/W1/receipts",
                    InventoryApiTest.receipt("R-DURING", "SKU-DURING", 4, "A-01"), HttpStatus.CREATED).position();
            assertThat(replays().replaying(ReadModels.INVENTORY)).as("still replaying after the write").isTrue();
            assertThat(inventory.next().data().path("sku").asText()).isEqualTo("SKU-DURING");

            progressUntilDone(ReadModels.INVENTORY);

            assertThat(api.read("agent", "/api/inventory/SKU-DURING", position).path("onHand").asLong())
                    .isEqualTo(4);
            assertThat(app.bean(MongoTemplate.class).getCollection("inventory_g2")
                    .countDocuments(Filters.eq("_id", "SKU-DURING"))).as("in the new copy").isEqualTo(1);
            assertThat(inventory.poll(Duration.ofMillis(500))).as("the write sent again, or a replayed one")
                    .isNull();
        }
    }

    @Test
    @Order(3)
    void aReplayInterruptedByARestartResumesWhereItWas() {
        for (int i = 0; i < 100; i++) {
            api.post("channel", "/api/orders", OrderJson.order("web", "RS-" + i, "C-RS", "SKU-1", 1).toString(),
                    HttpStatus.CREATED);
        }
        Map<String, String> before = ReadModelHistory.answers(api);
        String orderList = api.read("agent", "/api/orders?channel=web&size=500", api.head()).toString();
        replay(ReadModels.ORDERS, HttpStatus.ACCEPTED);
        long reached = await().atMost(Duration.ofSeconds(30)).until(
                () -> replays().progress(ReadModels.ORDERS).map(ReadModelReplays.Progress::position).orElse(-1L),
                position -> position > 0);

        app.restart();

        Optional<ReadModelReplays.Progress> resumed = replays().progress(ReadModels.ORDERS);
        assertThat(resumed).as("still replaying after the restart").isPresent();
        assertThat(resumed.get().generation()).isEqualTo(2);
        assertThat(resumed.get().position()).as("resumed, not started over").isGreaterThanOrEqualTo(reached);
        assertThat(progressUntilDone(ReadModels.ORDERS)).isSorted().endsWith(1.0);

        assertThat(ReadModelHistory.answers(api)).isEqualTo(before);
        assertThat(api.read("agent", "/api/orders?channel=web&size=500", api.head()).toString())
                .isEqualTo(orderList);
        assertThat(readModelCollections()).contains("orders_g2").doesNotContain("orders_g1", "orders");
        assertThat(app.bean(MongoTemplate.class).getCollection("trackingtokens")
                .countDocuments(Filters.eq("processorName", "orders@g2"))).as("the shadow's token").isZero();
    }

    @Test
    @Order(4)
    void unknownNamesAre404AndOnlyAdminsMayReplay() {
        assertThat(replay("nope", HttpStatus.NOT_FOUND).problem().path("detail").asText()).contains("nope");
        assertThat(replay("bad$name", HttpStatus.BAD_REQUEST).problem().path("status").asInt()).isEqualTo(400);
        for (String user : List.of("auditor", "agent", "viewer")) {
            assertThat(api.send(user, HttpMethod.POST, "/api/admin/projections/orders/replay", null, null).status())
                    .as(user).isEqualTo(403);
        }
        assertThat(replays().replaying(ReadModels.ORDERS)).isFalse();
    }

    private static Api.Response replay(String name, HttpStatus status) {
        return api.post("admin", "/api/admin/projections/" + name + "/replay", "", status);
    }

    private static ReadModelReplays replays() {
        return app.bean(ReadModelReplays.class);
    }

    /** Every progress the replay of {@code name} reports, polled until it ends. */
    private static List<Double> progressUntilDone(String name) {
        List<Double> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2)).until(() -> {
            Optional<ReadModelReplays.Progress> progress = replays().progress(name);
            progress.ifPresent(p -> seen.add(p.progress()));
            return progress.isEmpty();
        });
        return seen;
    }

    private static Set<String> readModelCollections() {
        Set<String> names = new TreeSet<>(app.bean(MongoTemplate.class).getCollectionNames());
        names.removeAll(NOT_READ_MODELS);
        return names;
    }

    /** A client that keeps querying every read model and records each answer that is not the expected one. */
    private static final class Reader implements AutoCloseable {

        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger reads = new AtomicInteger();
        private final Thread thread;

        Reader(Map<String, String> expected) {
            long head = api.head();
            thread = new Thread(() -> {
                while (running.get()) {
                    expected.forEach((path, answer) -> {
                        Api.Response response = api.send("auditor", HttpMethod.GET,
                                ReadModelHistory.at(path, head), null, null);
                        reads.incrementAndGet();
                        if (response.status() != 200 || !response.text().equals(answer)) {
                            failures.add(path + " -> " + response.status() + " " + response.text());
                        }
                    });
                }
            }, "replay-test-reader");
            thread.start();
        }

        /** Stops reading; the number of answers read. */
        int stop() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reads.get();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
