package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipjoy.it.SseClient.Event;
import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.projections.ReadModels;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The live streams over real HTTP (docs/api.md, "Live streams"): snapshot then changes, filters, resuming with
 * Last-Event-ID across a disconnect and a restart, the reset past retention, slow clients, heartbeats, replays,
 * roles. Retention, client buffer and heartbeat are made small. Each test uses its own channel and skus.
 */
class StreamsTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.streams.retention=100",
            "--shipjoy.streams.client-buffer=8", "--shipjoy.streams.heartbeat=1s",
            "--spring.main.sources=com.shipjoy.it.SmallSendBuffers");
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    StreamsTest() {
        super(api);
    }

    @BeforeAll
    static void warehouses() {
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("S-W1", "One", "A-01", "A-02"),
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses", InventoryApiTest.warehouse("S-W2", "Two", "B-01"),
                HttpStatus.CREATED);
    }

    @Test
    void anOrderStreamStartsWithTheOrderThenSendsEachChangeWithinASecond() {
        givenStock("S-W1", "S-MUG", 10, "A-01");
        Placed placed = whenPlaced(order("s-web", "s-1", CUSTOMER, "S-MUG", 2));
        try (SseClient stream = SseClient.open(app, "viewer", "/api/streams/orders?orderId=" + placed.orderId())) {
            Event first = stream.next();
            assertThat(first.event()).isEqualTo("order");
            assertThat(first.data().path("orderId").asText()).isEqualTo(placed.orderId());

            long cancelled = whenCancelled(placed.orderId(), "changed mind");
            long asked = System.nanoTime();
            List<Event> changes = stream.until(status("CANCELLED"));
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(1));
            Event event = last(changes);
            // Sent after the read model shows it: a query right after the event, without minPosition, sees it.
            JsonNode queried = api.get("agent", "/api/orders/" + placed.orderId(), HttpStatus.OK).json();
            assertThat(queried.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(queried.path("updatedAt").asText()).isGreaterThanOrEqualTo(event.data().path("updatedAt")
                    .asText());

            // The cancelled shipment follows; then nothing more.
            for (Event more = stream.poll(Duration.ofMillis(500)); more != null;
                 more = stream.poll(Duration.ofMillis(500))) {
                changes.add(more);
            }
            assertThat(changes).allSatisfy(change -> assertThat(change.event()).isEqualTo("order"));
            assertIncreasing(first.id(), changes);
            assertThat(last(changes).id()).isLessThanOrEqualTo(cancelled);
            assertThat(last(changes).data()).isEqualTo(api.get("agent", "/api/orders/" + placed.orderId(),
                    HttpStatus.OK).json());
        }
    }

    @Test
    void streamsWithoutAKeyStartWithNothingAndFilterByChannelAndWarehouse() {
        try (SseClient web = SseClient.open(app, "viewer", "/api/streams/orders?channel=s-filter");
             SseClient inW2 = SseClient.open(app, "auditor", "/api/streams/inventory?warehouseId=S-W2")) {
            assertThat(web.poll(Duration.ofMillis(500))).isNull();
            whenPlaced(order("s-other", "f-1", CUSTOMER, "S-F", 1));
            Placed mine = whenPlaced(order("s-filter", "f-2", CUSTOMER, "S-F", 1));
            assertThat(web.until(ofOrder(mine.orderId()).and(status("BACKORDERED"))))
                    .allSatisfy(event -> assertThat(event.data().path("channel").asText()).isEqualTo("s-filter"));

            givenStock("S-W1", "S-G", 3, "A-01");
            givenStock("S-W2", "S-G", 4, "B-01");
            Event level = inW2.next();
            assertThat(level.event()).isEqualTo("inventory");
            assertThat(level.data().path("sku").asText()).isEqualTo("S-G");
            assertThat(level.data().path("onHand").asLong()).isEqualTo(7);
            assertThat(level.data()).isEqualTo(api.get("viewer", "/api/inventory/S-G", HttpStatus.OK).json());
        }
    }

    @Test
    void anInventoryStreamWithASkuStartsWithItsLevel() {
        long stocked = givenStock("S-W1", "S-LEVEL", 5, "A-02");
        // Opened once the level shows the receipt: else the receipt itself may come as the first change.
        api.read("viewer", "/api/inventory/S-LEVEL", stocked);
        try (SseClient stream = SseClient.open(app, "viewer", "/api/streams/inventory?sku=S-LEVEL")) {
            Event first = stream.next();
            assertThat(first.event()).isEqualTo("inventory");
            assertThat(first.data()).isEqualTo(api.get("viewer", "/api/inventory/S-LEVEL", HttpStatus.OK).json());
            long moved = api.post("warehouse", "/api/warehouses/S-W1/moves", InventoryApiTest.move("S-LEVEL", 2,
                    "A-02", "A-01"), HttpStatus.OK).position();
            Event change = stream.next(Duration.ofSeconds(1));
            assertThat(change.id()).isEqualTo(moved);
            assertThat(change.data()).isEqualTo(api.get("viewer", "/api/inventory/S-LEVEL", HttpStatus.OK).json());
        }
    }

    @Test
    void aClientResumesWithItsLastEventIdAfterADisconnectAndAfterARestart() {
        String path = "/api/streams/orders?channel=s-resume";
        long seen;
        try (SseClient stream = SseClient.open(app, "viewer", path)) {
            Placed first = placeBackordered("s-resume", "r-1");
            seen = last(stream.until(ofOrder(first.orderId()).and(status("BACKORDERED")))).id();
        }
        Placed whileAway = placeBackordered("s-resume", "r-2");
        try (SseClient stream = SseClient.resume(app, "viewer", path, seen)) {
            List<Event> missed = stream.until(ofOrder(whileAway.orderId()).and(status("BACKORDERED")));
            assertThat(missed).allSatisfy(event -> assertThat(event.data().path("orderId").asText())
                    .isEqualTo(whileAway.orderId()));
            assertIncreasing(seen, missed);
            Placed live = placeBackordered("s-resume", "r-3");
            List<Event> after = stream.until(ofOrder(live.orderId()).and(status("BACKORDERED")));
            assertThat(after).allSatisfy(event -> assertThat(event.data().path("orderId").asText())
                    .isEqualTo(live.orderId()));
            assertIncreasing(last(missed).id(), after);
            seen = last(after).id();
        }

        Placed beforeRestart = placeBackordered("s-resume", "r-4");
        // A stream open at shutdown ends at once: it does not hold the server's graceful shutdown (30 s) up.
        SseClient open = SseClient.open(app, "viewer", path);
        long stopping = System.nanoTime();
        app.restart();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(20));
        assertThat(open.ended()).isTrue();
        // ?lastEventId= works like the header.
        try (SseClient stream = SseClient.open(app, "viewer", path + "&lastEventId=" + seen)) {
            List<Event> missed = stream.until(ofOrder(beforeRestart.orderId()).and(status("BACKORDERED")));
            assertThat(missed).allSatisfy(event -> assertThat(event.data().path("orderId").asText())
                    .isEqualTo(beforeRestart.orderId()));
            assertIncreasing(seen, missed);
            assertThat(stream.poll(Duration.ofMillis(500))).as("nothing twice").isNull();
        }
    }

    @Test
    void aLastEventIdOlderThanTheChangesKeptGetsAResetThenTheCurrentState() {
        long old = givenStock("S-W1", "S-OLD", 4, "A-01");
        for (int i = 0; i < 60; i++) {
            api.post("warehouse", "/api/warehouses/S-W1/moves", InventoryApiTest.move("S-OLD", 1, "A-01", "A-02"),
                    HttpStatus.OK);
            api.post("warehouse", "/api/warehouses/S-W1/moves", InventoryApiTest.move("S-OLD", 1, "A-02", "A-01"),
                    HttpStatus.OK);
        }
        api.read("viewer", "/api/inventory/S-OLD", api.head());
        try (SseClient stream = SseClient.resume(app, "viewer", "/api/streams/inventory?sku=S-OLD", old)) {
            Event reset = stream.next();
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.data().path("lastEventId").asLong()).isEqualTo(old);
            Event state = stream.next();
            assertThat(state.event()).isEqualTo("inventory");
            assertThat(state.id()).isEqualTo(reset.id());
            assertThat(state.data()).isEqualTo(api.get("viewer", "/api/inventory/S-OLD", HttpStatus.OK).json());
        }
    }

    /**
     * A client that connects and then reads nothing: its buffer (8 changes here) fills while orders keep coming, and
     * it is disconnected rather than held in memory.
     */
    @Test
    void aClientThatStopsReadingIsDisconnected() throws Exception {
        double before = meter("shipjoy_streams_slow_clients_total");
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/streams/orders?channel=s-slow HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            for (int i = 0; i < 300 && meter("shipjoy_streams_slow_clients_total") == before; i++) {
                placeBackordered("s-slow", "slow-" + i);
            }
            assertThat(meter("shipjoy_streams_slow_clients_total")).isEqualTo(before + 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> meter("shipjoy_streams_open") == 0);
    }

    @Test
    void aKpiStreamSendsTheDocumentThenAgainWhenItChangedAtMostOnceASecond() {
        givenStock("S-W2", "S-KPI", 20, "B-01");
        String path = "/api/streams/kpis?warehouseId=S-W2";
        try (SseClient stream = SseClient.open(app, "viewer", path)) {
            Event first = stream.next();
            assertThat(first.event()).isEqualTo("kpis");
            assertThat(first.data().path("warehouseId").asText()).isEqualTo("S-W2");
            long before = first.data().path("ordersPlaced").asLong();

            long started = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                whenPlaced(order("s-kpi", "s-kpi-" + i, CUSTOMER, "S-KPI", 1));
            }
            List<Event> documents = stream.until(event -> event.data().path("ordersPlaced").asLong() == before + 5);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            // Dozens of KPI changes (seven events an order), but one document a second at most.
            assertThat(documents).hasSizeLessThanOrEqualTo((int) seconds + 1);
            assertIncreasing(first.id(), documents);
            Event latest = last(documents);
            assertThat(latest.data()).isEqualTo(api.get("viewer", "/api/kpis?warehouseId=S-W2", HttpStatus.OK)
                    .json());
            // Only when something changed.
            assertThat(stream.poll(Duration.ofMillis(1500))).isNull();

            try (SseClient resumed = SseClient.resume(app, "viewer", path, latest.id())) {
                assertThat(resumed.poll(Duration.ofMillis(1500))).as("nothing changed since").isNull();
                whenPlaced(order("s-kpi", "s-kpi-5", CUSTOMER, "S-KPI", 1));
                assertIncreasing(latest.id(), resumed.until(event -> event.data().path("ordersPlaced").asLong()
                        == before + 6));
            }
        }
    }

    @Test
    void openStreamsAreCountedAndReleasedWhenTheirClientsLeave() {
        await().atMost(Duration.ofSeconds(5)).until(() -> meter("shipjoy_streams_open") == 0);
        SseClient a = SseClient.open(app, "viewer", "/api/streams/orders");
        SseClient b = SseClient.open(app, "viewer", "/api/streams/inventory?warehouseId=S-W1");
        SseClient c = SseClient.open(app, "admin", "/api/streams/orders?orderId=nobody");
        await().atMost(Duration.ofSeconds(5)).until(() -> meter("shipjoy_streams_open") == 3);
        a.close();
        b.close();
        c.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> meter("shipjoy_streams_open") == 0);
    }

    @Test
    void aQuietStreamSendsHeartbeats() throws InterruptedException {
        try (SseClient stream = SseClient.open(app, "viewer", "/api/streams/inventory?sku=S-QUIET")) {
            assertThat(stream.comment(Duration.ofSeconds(3))).isEqualTo("heartbeat");
            assertThat(stream.poll(Duration.ZERO)).isNull();
        }
    }

    /** Rebuilding the orders read model processes every order event again; streams send none of it. */
    @Test
    void aReplayOfTheOrdersReadModelSendsNothing() {
        Placed existing = placeBackordered("s-replay", "rp-1");
        api.read("agent", "/api/orders/" + existing.orderId(), api.head());
        try (SseClient all = SseClient.open(app, "viewer", "/api/streams/orders");
             SseClient one = SseClient.open(app, "viewer", "/api/streams/orders?orderId=" + existing.orderId())) {
            assertThat(one.next().data().path("orderId").asText()).isEqualTo(existing.orderId());
            StreamingEventProcessor orders = app.bean(EventProcessingConfiguration.class)
                    .eventProcessor(ReadModels.ORDERS, StreamingEventProcessor.class).orElseThrow();
            orders.shutDown();
            orders.resetTokens();
            orders.start();
            long head = api.head();
            EventPositions positions = app.bean(EventPositions.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> positions.processed(ReadModels.ORDERS) >= head
                    && !orders.isReplaying());

            Placed after = placeBackordered("s-replay", "rp-2");
            assertThat(all.next().data().path("orderId").asText()).as("the first event after the replay")
                    .isEqualTo(after.orderId());
            assertThat(one.poll(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void onlyViewersAuditorsAndAdminsMayFollowStreamsAndRefusalsAreProblemDocuments() {
        for (String path : List.of("/api/streams/orders", "/api/streams/inventory?sku=S-MUG",
                "/api/streams/kpis")) {
            Api.Response anonymous = api.send(null, HttpMethod.GET, path, null, null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.problem().path("status").asInt()).isEqualTo(401);
            for (String user : List.of("channel", "agent", "warehouse")) {
                Api.Response refused = api.send(user, HttpMethod.GET, path, null, null);
                assertThat(refused.status()).as(user).isEqualTo(403);
                assertThat(refused.problem().path("status").asInt()).isEqualTo(403);
            }
        }
        givenStock("S-W1", "S-ROLE", 1, "A-01");
        for (String user : List.of("viewer", "auditor", "admin")) {
            try (SseClient stream = SseClient.open(app, user, "/api/streams/inventory?sku=S-ROLE")) {
                assertThat(stream.next().data().path("sku").asText()).as(user).isEqualTo("S-ROLE");
            }
        }
        for (String path : List.of("/api/streams/orders?lastEventId=x", "/api/streams/orders?lastEventId=-1",
                "/api/streams/orders?orderId=a$b", "/api/streams/inventory?warehouseId=" + "W".repeat(65))) {
            Api.Response invalid = api.send("viewer", HttpMethod.GET, path, null, null);
            assertThat(invalid.status()).as(path).isEqualTo(400);
            assertThat(invalid.problem().path("status").asInt()).isEqualTo(400);
        }
        app.as("viewer").get().uri("/api/streams/orders").header("Last-Event-ID", "x")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theApiDescriptionDocumentsTheStreams() {
        JsonNode description = api.get("viewer", "/v3/api-docs", HttpStatus.OK).json();
        for (String path : List.of("/api/streams/orders", "/api/streams/inventory")) {
            JsonNode operation = description.path("paths").path(path).path("get");
            assertThat(operation.path("responses").fieldNames()).toIterable()
                    .contains("200", "400", "401", "403");
            assertThat(operation.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        }
        assertThat(description.path("tags").toString()).contains("reset", "Last-Event-ID");
    }

    // ---------------------------------------------------------------- helpers

    /** An order of a sku nobody stocks: placed, then BACKORDERED, and no change after. */
    private Placed placeBackordered(String channel, String externalOrderId) {
        return whenPlaced(order(channel, externalOrderId, CUSTOMER, "S-NONE", 1));
    }

    private static Predicate<Event> status(String status) {
        return event -> event.data().path("status").asText().equals(status);
    }

    private static Predicate<Event> ofOrder(String orderId) {
        return event -> event.data().path("orderId").asText().equals(orderId);
    }

    private static Event last(List<Event> events) {
        return events.get(events.size() - 1);
    }

    /** Ids strictly increasing after {@code after}: in order, none twice. */
    private static void assertIncreasing(long after, List<Event> events) {
        long previous = after;
        for (Event event : events) {
            assertThat(event.id()).isGreaterThan(previous);
            previous = event.id();
        }
    }

    private static int port() {
        return Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
    }

    /** The sum of a meter's series in /actuator/prometheus. */
    private static double meter(String name) {
        String text = api.get("admin", "/actuator/prometheus", HttpStatus.OK).text();
        Matcher series = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (series.find()) {
            sum += Double.parseDouble(series.group(2));
            found = true;
        }
        assertThat(found).as("%s in /actuator/prometheus", name).isTrue();
        return sum;
    }
}
