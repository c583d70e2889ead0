package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipjoy.projections.ReadModelCollections;
import com.shipjoy.projections.ReadModelReplays;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderLists;
import com.shipjoy.projections.order.OrderSearch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;

/**
 * Order search ({@link OrderSearch}) and the customer view read order lists, not the orders. Here every answer is
 * compared with the plain MongoDB query over the {@code orders} collection that it replaces (filter, sort by placedAt
 * then orderId descending, skip, limit, count) for every combination of filters, every page, across status changes,
 * cancellation, a full replay and redelivery. Buckets hold 3 entries here, so lists split into many buckets.
 */
class OrderListsTest {

    static final String[] STATUSES = {null, "PLACED", "BACKORDERED", "ALLOCATED", "CANCELLED"};
    static final String[] CHANNELS = {null, "ol-web", "ol-mkt"};
    static final String[][] SKUS_AND_CUSTOMERS = {{null, null}, {"OL-A", null}, {"OL-B", null}, {null, "olc-1"},
            {"OL-A", "olc-2"}};
    static final int SIZE = 5;

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.order-lists.bucket-capacity=3");
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();
    static MongoTemplate mongo;
    static final List<String> placed = new ArrayList<>();

    @BeforeAll
    static void start() {
        mongo = app.bean(MongoTemplate.class);
        api.post("warehouse", "/api/warehouses", "{\"warehouseId\":\"W1\",\"name\":\"One\",\"locations\":[\"A-01\"]}",
                HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/W1/receipts", InventoryApiTest.receipt("R1", "OL-A", 6, "A-01"),
                HttpStatus.CREATED);
        // 16 orders: OL-A runs out after 6 units, OL-B was never received: a mix of ALLOCATED and BACKORDERED.
        for (int i = 0; i < 16; i++) {
            Object[] lines = i % 3 == 2 ? new Object[] {"OL-A", 1, "OL-B", 1}
                    : i % 3 == 0 ? new Object[] {"OL-A", 1} : new Object[] {"OL-B", 2};
            placed.add(api.post("channel", "/api/orders", order(i % 4 == 3 ? "ol-mkt" : "ol-web", "ol-" + i,
                    "olc-" + i % 3, lines).toString(), HttpStatus.CREATED).json().path("orderId").asText());
        }
    }

    @Test
    void everyFilterAndPageAnswersExactlyWhatTheQueryOverAllOrdersAnswers() {
        assertThat(assertListsExact()).as("answers compared").isGreaterThan(100);
        assertThat(page("/api/orders?status=ALLOCATED").path("total").asLong()).isPositive();
        assertThat(page("/api/orders?status=BACKORDERED").path("total").asLong()).isPositive();
    }

    @Test
    void anOrderAllocatedLaterLeavesTheBackorderedListAndItsTotal() {
        long backorderedBefore = page("/api/orders?status=BACKORDERED").path("total").asLong();
        String orderId = api.post("channel", "/api/orders", order("ol-late", "late-1", "olc-1", "OL-C", 2).toString(),
                HttpStatus.CREATED).json().path("orderId").asText();
        assertThat(ids(page("/api/orders?status=BACKORDERED&channel=ol-late"))).containsExactly(orderId);
        assertThat(page("/api/orders?status=BACKORDERED").path("total").asLong()).isEqualTo(backorderedBefore + 1);
        assertThat(ids(page("/api/orders?status=BACKORDERED")).get(0)).as("newest first").isEqualTo(orderId);
        assertListsExact();

        api.post("warehouse", "/api/warehouses/W1/receipts", InventoryApiTest.receipt("R-C", "OL-C", 2, "A-01"),
                HttpStatus.CREATED);

        assertThat(page("/api/orders?status=BACKORDERED&channel=ol-late").path("total").asLong()).isZero();
        assertThat(ids(page("/api/orders?status=ALLOCATED&channel=ol-late"))).containsExactly(orderId);
        assertThat(page("/api/orders?status=BACKORDERED").path("total").asLong()).isEqualTo(backorderedBefore);
        assertThat(ids(page("/api/orders?status=BACKORDERED&size=500"))).doesNotContain(orderId);
        assertListsExact();
    }

    @Test
    void aCancelledOrderMovesFromItsStatusListToTheCancelledOne() {
        // Waits for OL-B, which never arrives: its cancellation releases nothing that another order could take.
        String orderId = placed.get(1);
        String status = page("/api/orders/" + orderId).path("status").asText();
        assertThat(status).isEqualTo("BACKORDERED");
        long before = page("/api/orders?status=" + status).path("total").asLong();
        long cancelledBefore = page("/api/orders?status=CANCELLED").path("total").asLong();

        api.post("agent", "/api/orders/" + orderId + "/cancel", "{\"reason\":\"test\"}", HttpStatus.OK);

        assertThat(page("/api/orders?status=" + status).path("total").asLong()).isEqualTo(before - 1);
        assertThat(page("/api/orders?status=CANCELLED").path("total").asLong()).isEqualTo(cancelledBefore + 1);
        assertThat(ids(page("/api/orders?status=CANCELLED&size=500"))).contains(orderId);
        assertThat(ids(page("/api/orders?status=" + status + "&size=500"))).doesNotContain(orderId);
        assertListsExact();
    }

    @Test
    void aReplayAndEventsDeliveredAgainRebuildTheSameLists() {
        Map<String, String> before = answers();
        // A canary the reset must wipe: a list that no event made, naming an order that exists, stored as the
        // embedded order lists store channel ol-ghost's list.
        String ghost = "c=ol-ghost";
        mongo.getCollection(ReadModelCollections.name(OrderLists.DIRECTORIES)).insertOne(new Document("_id", ghost).append("next", 1)
                .append("n", List.of(0)).append("count", List.of(1))
                .append("newest", List.of("0000000000001 " + placed.get(0)))
                .append("oldest", List.of("0000000000001 " + placed.get(0))));
        mongo.getCollection(ReadModelCollections.name(OrderLists.BUCKETS)).insertOne(new Document("_id", ghost + "#0")
                .append("entries", List.of("0000000000001 " + placed.get(0))));
        assertThat(page("/api/orders?channel=ol-ghost").path("total").asLong()).as("the canary is read").isOne();

        EventProcessingConfiguration processing = app.bean(EventProcessingConfiguration.class);
        StreamingEventProcessor processor = processing.eventProcessor(ReadModels.ORDERS,
                StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }

        assertThat(answers()).isEqualTo(before);
        assertThat(page("/api/orders?channel=ol-ghost").path("total").asLong()).isZero();
        assertListsExact();

        // Delivered again without a reset (as after a crash): from the first event, onto the lists as they are.
        processor.shutDown();
        try {
            TokenStore tokens = processing.tokenStore(ReadModels.ORDERS);
            for (int segment : tokens.fetchSegments(ReadModels.ORDERS)) {
                tokens.storeToken(app.bean(EventStore.class).createTailToken(), ReadModels.ORDERS, segment);
                tokens.releaseClaim(ReadModels.ORDERS, segment);
            }
        } finally {
            processor.start();
        }

        assertThat(answers()).isEqualTo(before);
        assertListsExact();
    }

    /**
     * A replay's shadow leaves the lists out and builds them from its orders before the switch: every list, split
     * into 3-entry buckets, answers exactly as before, and the lists change as usual after it.
     */
    @Test
    void aZeroDowntimeReplayBuildsTheListsFromItsOrders() {
        Map<String, String> before = answers();
        api.post("admin", "/api/admin/projections/" + ReadModels.ORDERS + "/replay", "", HttpStatus.ACCEPTED);
        ReadModelReplays replays = app.bean(ReadModelReplays.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> !replays.replaying(ReadModels.ORDERS));

        assertThat(answers()).isEqualTo(before);
        assertListsExact();
        assertThat(mongo.getCollection(ReadModelCollections.name(OrderLists.BUCKETS)).countDocuments())
                .as("buckets of the rebuilt lists").isGreaterThan(20);

        String after = api.post("channel", "/api/orders", order("ol-web", "ol-after-replay", "olc-1", "OL-B", 1)
                .toString(), HttpStatus.CREATED).json().path("orderId").asText();
        assertThat(ids(page("/api/orders?status=BACKORDERED&size=500"))).contains(after);
        assertListsExact();
    }

    // ---------------------------------------------------------------- helpers

    /** Every combination of filters, every page and one past the last, against the query over all orders. */
    private static int assertListsExact() {
        long head = api.head();
        List<Instant> times = mongo.findAll(OrderDocument.class).stream().map(OrderDocument::placedAt).sorted()
                .toList();
        Instant[][] ranges = {{times.get(3), times.get(10)}, {times.get(5), null}, {null, times.get(times.size() - 2)}};
        int compared = 0;
        for (String status : STATUSES) {
            for (String channel : CHANNELS) {
                for (String[] skuAndCustomer : SKUS_AND_CUSTOMERS) {
                    compared += assertPagesExact(new Filter(status, channel, skuAndCustomer[1], skuAndCustomer[0],
                            null, null), head);
                }
                for (Instant[] range : ranges) {
                    compared += assertPagesExact(new Filter(status, channel, null, null, range[0], range[1]), head);
                }
            }
        }
        for (Instant[] range : ranges) {
            compared += assertPagesExact(new Filter("BACKORDERED", null, "olc-2", "OL-B", range[0], range[1]), head);
        }
        for (String customer : List.of("olc-0", "olc-1", "olc-2", "nobody")) {
            JsonNode view = api.read("agent", "/api/customers/" + customer + "/orders?size=500", head);
            Filter filter = new Filter(null, null, customer, null, null, null);
            assertThat(ids(view)).as(customer).isEqualTo(expected(filter, 0, 500));
            assertThat(view.path("total").asLong()).isEqualTo(mongo.count(filter.query(), OrderDocument.class));
        }
        return compared;
    }

    private static int assertPagesExact(Filter filter, long head) {
        long total = mongo.count(filter.query(), OrderDocument.class);
        int compared = 0;
        for (int p = 0; p <= total / SIZE + 1; p++) {
            String path = filter.path(p);
            JsonNode answer = api.read("agent", path, head);
            assertThat(answer.path("total").asLong()).as("total of %s", path).isEqualTo(total);
            assertThat(ids(answer)).as(path).isEqualTo(expected(filter, p, SIZE));
            compared++;
        }
        return compared;
    }

    /** The old search: a query over all orders, sorted and paged by MongoDB. */
    private static List<String> expected(Filter filter, int page, int size) {
        Query query = filter.query().with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, OrderDocument.class).stream().map(OrderDocument::orderId).toList();
    }

    record Filter(String status, String channel, String customerId, String sku, Instant from, Instant to) {

        Query query() {
            Criteria criteria = new Criteria();
            if (status != null) {
                criteria.and("status").is(status);
            }
            if (channel != null) {
                criteria.and("channel").is(channel);
            }
            if (customerId != null) {
                criteria.and("customer.customerId").is(customerId);
            }
            if (sku != null) {
                criteria.and("lines.sku").is(sku);
            }
            if (from != null && to != null) {
                criteria.and("placedAt").gte(from).lt(to);
            } else if (from != null) {
                criteria.and("placedAt").gte(from);
            } else if (to != null) {
                criteria.and("placedAt").lt(to);
            }
            return new Query(criteria);
        }

        String path(int page) {
            StringBuilder path = new StringBuilder("/api/orders?page=" + page + "&size=" + SIZE);
            String[] names = {"status", "channel", "customerId", "sku", "placedFrom", "placedTo"};
            Object[] values = {status, channel, customerId, sku, from, to};
            for (int i = 0; i < names.length; i++) {
                if (values[i] != null) {
                    path.append('&').append(names[i]).append('=').append(values[i]);
                }
            }
            return path.toString();
        }
    }

    private static JsonNode page(String path) {
        return api.read("agent", path, api.head());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("orderId").asText()));
        return ids;
    }

    /** Answers of the order searches and customer views, as the API gives them. */
    private static Map<String, String> answers() {
        long head = api.head();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : Arrays.asList("/api/orders?size=500", "/api/orders?status=ALLOCATED&size=3&page=1",
                "/api/orders?status=BACKORDERED&channel=ol-web", "/api/orders?sku=OL-B&size=2&page=2",
                "/api/orders?customerId=olc-1&status=BACKORDERED", "/api/customers/olc-2/orders",
                "/api/orders?status=CANCELLED")) {
            String separator = path.contains("?") ? "&" : "?";
            answers.put(path, api.get("agent", path + separator + "minPosition=" + head, HttpStatus.OK).text());
        }
        return answers;
    }
}
