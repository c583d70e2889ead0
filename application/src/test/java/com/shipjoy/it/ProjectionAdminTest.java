package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shipjoy.projections.ReadModelReplays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Projection administration : an event the orders read model cannot process is parked as a dead
 * letter, the read model goes on with other orders and shows ERROR, a replay parks nothing twice, and a retry once
 * the cause is gone applies it.
 */
class ProjectionAdminTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--spring.main.sources=com.shipjoy.it.PoisonOrder");
    static final Api api = system.api();

    ProjectionAdminTest() {
        super(api);
    }

    @Test
    void aPoisonEventIsParkedTheOthersGoOnAndARetryAppliesItOnceItsCauseIsGone() {
        givenWarehouse("D-W", "dan", "A-01");
        givenStock("D-W", "D-SKU", 10, "A-01");
        ObjectNode poison = order("web", "D-1", CUSTOMER, "D-SKU", 2);
        poison.put("orderId", PoisonOrder.ORDER_ID);
        whenPlaced(poison);
        Placed healthy = whenPlaced("D-2", "D-SKU", 3);

        // Other orders keep appearing; the poisoned one is not in the read model at all, not half of it.
        assertThat(api.read("agent", "/api/orders/" + healthy.orderId(), healthy.position()).path("status").asText())
                .isEqualTo("ALLOCATED");
        api.get("agent", "/api/orders/" + PoisonOrder.ORDER_ID + "?minPosition=" + healthy.position(),
                HttpStatus.NOT_FOUND);

        JsonNode orders = projection("orders");
        List<JsonNode> parked = deadLetters();
        assertThat(orders.path("status").asText()).isEqualTo("ERROR");
        assertThat(orders.path("deadLetters").asLong()).isEqualTo(parked.size()).isGreaterThan(1);
        assertThat(orders.path("position").asLong()).isGreaterThanOrEqualTo(healthy.position());
        assertThat(orders.path("lag").asLong())
                .isEqualTo(orders.path("headPosition").asLong() - orders.path("position").asLong());
        assertThat(orders.path("progress").asDouble()).isEqualTo(1.0);
        JsonNode inventory = projection("inventory");
        assertThat(inventory.path("status").asText()).isEqualTo("LIVE");
        assertThat(inventory.path("deadLetters").asLong()).isZero();

        // The first letter carries the error; the order's later events wait behind it, in order, without one.
        JsonNode first = parked.get(0);
        assertThat(first.path("type").asText()).isEqualTo("OrderPlaced");
        assertThat(first.path("sequence").asText()).isEqualTo("order " + PoisonOrder.ORDER_ID);
        assertThat(first.path("position").asLong()).isPositive().isLessThan(healthy.position());
        assertThat(first.path("timestamp").isTextual()).isTrue();
        assertThat(first.path("error").path("type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(first.path("error").path("message").asText()).isEqualTo("Order poison-1 is poisoned");
        assertThat(first.path("parkedAt").isTextual()).isTrue();
        assertThat(first.path("lastRetriedAt").isNull()).isTrue();
        assertThat(first.path("retries").asLong()).isZero();
        assertThat(parked.subList(1, parked.size())).allSatisfy(letter -> {
            assertThat(letter.path("sequence").asText()).isEqualTo("order " + PoisonOrder.ORDER_ID);
            assertThat(letter.path("error").isNull()).isTrue();
        });
        assertThat(positions(parked)).isSorted();
        assertThat(api.get("admin", "/actuator/prometheus", HttpStatus.OK).text())
                .contains("shipjoy_projection_dead_letters{projection=\"orders\"} " + parked.size() + ".0")
                .contains("shipjoy_projection_dead_letters{projection=\"inventory\"} 0.0");

        // Auditors read, only admins retry. While the cause persists a retry leaves the letters, counted.
        assertThat(retry("auditor", "orders", HttpStatus.FORBIDDEN).problem().path("status").asInt()).isEqualTo(403);
        JsonNode stillParked = retry("admin", "orders", HttpStatus.ACCEPTED).json();
        assertThat(stillParked.path("status").asText()).isEqualTo("ERROR");
        assertThat(stillParked.path("deadLetters").asLong()).isEqualTo(parked.size());
        JsonNode retried = deadLetters().get(0);
        assertThat(retried.path("retries").asLong()).isEqualTo(1);
        assertThat(retried.path("lastRetriedAt").isTextual()).isTrue();
        assertThat(retried.path("error").path("message").asText()).isEqualTo("Order poison-1 is poisoned");

        // A replay meets the parked events again (the shadow copy, then the live processor after the switch): they
        // stay parked once each, and the new copy lacks the poisoned order as the old one did.
        // A retry while it replays is refused: the new copy has met (or will meet) the parked events parked.
        PoisonOrder.shadowGate = new CountDownLatch(1);
        assertThat(api.send("admin", HttpMethod.POST, "/api/admin/projections/orders/replay", null, null).status())
                .isEqualTo(202);
        assertThat(retry("admin", "orders", HttpStatus.CONFLICT).problem().path("detail").asText())
                .contains("is replaying");
        PoisonOrder.shadowGate.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> system.app().bean(ReadModelReplays.class)
                .progress("orders").isEmpty());
        assertThat(positions(deadLetters())).isEqualTo(positions(parked));
        assertThat(projection("orders").path("deadLetters").asLong()).isEqualTo(parked.size());
        api.get("agent", "/api/orders/" + PoisonOrder.ORDER_ID, HttpStatus.NOT_FOUND);
        assertThat(api.get("agent", "/api/orders/" + healthy.orderId(), HttpStatus.OK).json().path("status")
                .asText()).isEqualTo("ALLOCATED");

        // The cause gone, a retry applies the order's events in order: the read model is LIVE and the order right.
        PoisonOrder.ON.set(false);
        JsonNode cleared = retry("admin", "orders", HttpStatus.ACCEPTED).json();
        assertThat(cleared.path("status").asText()).isEqualTo("LIVE");
        assertThat(cleared.path("deadLetters").asLong()).isZero();
        assertThat(deadLetters()).isEmpty();
        assertThat(projection("orders").path("status").asText()).isEqualTo("LIVE");
        JsonNode order = api.get("agent", "/api/orders/" + PoisonOrder.ORDER_ID, HttpStatus.OK).json();
        assertThat(order.path("status").asText()).isEqualTo("ALLOCATED");
        assertThat(order.path("lines").get(0).path("allocated").asLong()).isEqualTo(2);
        assertThat(order.path("shipments")).hasSize(1);
    }

    @Test
    void unknownProjectionsAre404AndStrangersAre401() {
        assertThat(api.get("auditor", "/api/admin/projections/nope/dead-letters", HttpStatus.NOT_FOUND).problem()
                .path("detail").asText()).startsWith("Unknown projection nope");
        retry("admin", "nope", HttpStatus.NOT_FOUND).problem();
        assertThat(api.send(null, HttpMethod.GET, "/api/admin/projections", null, null).status()).isEqualTo(401);
        assertThat(api.send("agent", HttpMethod.GET, "/api/admin/projections", null, null).status()).isEqualTo(403);
        JsonNode all = api.get("auditor", "/api/admin/projections", HttpStatus.OK).json();
        List<String> names = new ArrayList<>();
        all.forEach(projection -> names.add(projection.path("name").asText()));
        assertThat(names).contains("inventory", "orders", "kpis", "returns");
    }

    private static JsonNode projection(String name) {
        for (JsonNode projection : api.get("auditor", "/api/admin/projections", HttpStatus.OK).json()) {
            if (projection.path("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("No projection " + name);
    }

    private static List<JsonNode> deadLetters() {
        List<JsonNode> letters = new ArrayList<>();
        api.get("auditor", "/api/admin/projections/orders/dead-letters", HttpStatus.OK).json().forEach(letters::add);
        return letters;
    }

    private static List<Long> positions(List<JsonNode> letters) {
        return letters.stream().map(letter -> letter.path("position").asLong()).toList();
    }

    private static Api.Response retry(String user, String name, HttpStatus status) {
        Api.Response response = api.send(user, HttpMethod.POST, "/api/admin/projections/" + name
                + "/dead-letters/retry", null, null);
        assertThat(response.status()).isEqualTo(status.value());
        return response;
    }
}
