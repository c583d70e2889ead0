package com.shipjoy.it;

import static com.shipjoy.it.OrderJson.order;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import com.shipjoy.platform.Sha256;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Retries without duplicates: every command endpoint takes an {@code Idempotency-Key}; a repeat with the same key and
 * body answers what the first answered and stores nothing, also after a restart; another request under the key is
 * 409; concurrent repeats have one effect; keys are per user; a malformed key is a 400 that changes nothing.
 */
class IdempotencyKeyTest {

    private static final String MOVE_1 = """
            {"sku":"IK-1","quantity":1,"from":"A-01","to":"A-02"}""";
    private static final String MOVES = "/api/warehouses/IK-WH/moves";

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final EmbeddedApp app = system.app();
    static final Api api = system.api();

    @BeforeAll
    static void start() {
        api.post("warehouse", "/api/warehouses", """
                {"warehouseId":"IK-WH","name":"Keys","locations":["A-01","A-02"]}""", HttpStatus.CREATED);
        api.post("warehouse", "/api/warehouses/IK-WH/receipts", """
                {"reference":"PO-IK","lines":[{"sku":"IK-1","quantity":100,"location":"A-01"},
                {"sku":"IK-2","quantity":100,"location":"A-01"}]}""", HttpStatus.CREATED);
    }

    /** The request runs once: nothing, not even a second pass over the consumed request, fails after the answer. */
    @Test
    void aKeyedRequestIsHandledOnceWithoutErrorsAfterItsAnswer() {
        Logger web = (Logger) LoggerFactory.getLogger("org.springframework.web.server.adapter.HttpWebHandlerAdapter");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        web.addAppender(logged);
        try {
            assertThat(api.postWithKey("warehouse", MOVES, MOVE_1, "handled-once").status()).isEqualTo(200);
            assertThat(api.postWithKey("warehouse", MOVES, MOVE_1, "handled-once").status()).isEqualTo(200);
        } finally {
            web.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void aRepeatAnswersTheFirstAnswerAndStoresNothingAlsoAfterARestart() {
        Api.Response first = api.postWithKey("warehouse", MOVES, MOVE_1, "move-once");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        long head = api.head();

        Api.Response repeat = api.postWithKey("warehouse", MOVES, MOVE_1, "move-once");
        assertSameAnswer(repeat, first);
        assertThat(api.head()).as("nothing stored").isEqualTo(head);

        app.restart();
        assertSameAnswer(api.postWithKey("warehouse", MOVES, MOVE_1, "move-once"), first);
        assertThat(api.head()).isEqualTo(head);
        assertThat(movesOf("IK-1", head)).as("one move in the ledger").isEqualTo(1);
    }

    @Test
    void createsWithServerGeneratedIdsAreNotRepeated() {
        String receipt = """
                {"reference":"PO-IK-R","lines":[{"sku":"IK-3","quantity":4,"location":"A-01"}]}""";
        Api.Response first = api.postWithKey("warehouse", "/api/warehouses/IK-WH/receipts", receipt, "receipt-1");
        assertThat(first.status()).isEqualTo(201);
        Api.Response repeat = api.postWithKey("warehouse", "/api/warehouses/IK-WH/receipts", receipt, "receipt-1");
        assertSameAnswer(repeat, first);
        assertThat(api.read("agent", "/api/inventory/IK-3", first.position()).path("onHand").asLong()).isEqualTo(4);

        String placed = order("keys", "K-1", "cust-k", "IK-2", 1).toString();
        Api.Response order = api.postWithKey("channel", "/api/orders", placed, "order-1");
        assertThat(order.status()).isEqualTo(201);
        assertSameAnswer(api.postWithKey("channel", "/api/orders", placed, "order-1"), order);
    }

    @Test
    void theSameKeyForAnotherRequestIs409AndChangesNothing() {
        Api.Response first = api.postWithKey("warehouse", MOVES, MOVE_1, "reused");
        assertThat(first.status()).isEqualTo(200);
        long head = api.head();

        Api.Response otherBody = api.postWithKey("warehouse", MOVES, """
                {"sku":"IK-1","quantity":2,"from":"A-01","to":"A-02"}""", "reused");
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.problem().path("detail").asText()).contains("Idempotency-Key");
        Api.Response otherPath = api.postWithKey("warehouse", "/api/warehouses/IK-WH/counts", MOVE_1, "reused");
        assertThat(otherPath.status()).isEqualTo(409);
        assertThat(api.head()).isEqualTo(head);
    }

    @Test
    void concurrentRepeatsHaveOneEffectAndOneAnswer() throws Exception {
        long before = movesOf("IK-2", api.head());
        String move = """
                {"sku":"IK-2","quantity":1,"from":"A-01","to":"A-02"}""";
        List<Race.Answer> answers = Race.post(app, "warehouse", MOVES, Collections.nCopies(12, move),
                Map.of("Idempotency-Key", "raced"));

        assertThat(answers).extracting(Race.Answer::status).containsOnly(200);
        assertThat(answers).extracting(Race.Answer::body).containsOnly(answers.get(0).body());
        assertThat(answers).extracting(Race.Answer::position).containsOnly(answers.get(0).position());
        assertThat(movesOf("IK-2", answers.get(0).position())).isEqualTo(before + 1);
    }

    @Test
    void keysOfDifferentUsersAreIndependent() {
        long before = movesOf("IK-1", api.head());
        assertThat(api.postWithKey("warehouse", MOVES, MOVE_1, "shared").status()).isEqualTo(200);
        Api.Response admin = api.postWithKey("admin", MOVES, MOVE_1, "shared");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.header("Idempotent-Replayed")).isNull();
        assertThat(movesOf("IK-1", admin.position())).isEqualTo(before + 2);
    }

    @Test
    void aRefusalIsRepeatedToo() {
        String tooMany = """
                {"sku":"IK-1","quantity":100000,"from":"A-01","to":"A-02"}""";
        Api.Response first = api.postWithKey("warehouse", MOVES, tooMany, "refused");
        assertThat(first.status()).isEqualTo(409);
        assertSameAnswer(api.postWithKey("warehouse", MOVES, tooMany, "refused"), first);
    }

    @Test
    void anAppliedRequestWhoseAnswerWasLostIsNotAppliedAgain() throws Exception {
        Api.Response first = api.postWithKey("warehouse", MOVES, MOVE_1, "lost-answer");
        assertThat(first.status()).isEqualTo(200);
        // What a kill -9 between the command's commit and keeping its answer leaves: the claim without an answer.
        try (Connection connection = app.bean(DataSource.class).getConnection();
             PreparedStatement forget = connection.prepareStatement(
                     "update idempotency_key set status = null, body = null where id = ?")) {
            forget.setString(1, Sha256.hex("warehouse\u0000lost-answer"));
            assertThat(forget.executeUpdate()).isEqualTo(1);
        }
        long head = api.head();

        Api.Response retry = api.postWithKey("warehouse", MOVES, MOVE_1, "lost-answer");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.problem().path("detail").asText()).contains("was applied");
        assertThat(api.head()).isEqualTo(head);
    }

    @Test
    void malformedKeysAre400AndChangeNothing() {
        long head = api.head();
        for (String key : List.of("k".repeat(129), "tab\there", "caf\u00e9", "")) {
            Api.Response refused = api.postWithKey("warehouse", MOVES, MOVE_1, key);
            assertThat(refused.status()).as(key).isEqualTo(400);
            assertThat(refused.problem().path("errors").path(0).path("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(api.postWithKey("warehouse", MOVES, MOVE_1, "k".repeat(128)).status()).isEqualTo(200);
        assertThat(api.head()).isEqualTo(head + 1);
    }

    private static void assertSameAnswer(Api.Response repeat, Api.Response first) {
        assertThat(repeat.status()).isEqualTo(first.status());
        assertThat(repeat.text()).isEqualTo(first.text());
        assertThat(repeat.header("X-Event-Position")).isEqualTo(first.header("X-Event-Position"));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    }

    private static long movesOf(String sku, long position) {
        JsonNode ledger = api.read("auditor", "/api/inventory/" + sku + "/movements?size=500", position);
        long moves = 0;
        for (JsonNode entry : ledger.path("items")) {
            moves += entry.path("type").asText().equals("MOVED") ? 1 : 0;
        }
        return moves;
    }
}
