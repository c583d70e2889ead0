package com.shipjoy.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shipjoy.projections.kpi.KpiOrder;
import com.shipjoy.projections.order.OrderDocument;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Which collection a read model's collection name means: per generation, and on a replay's shadow threads. */
class ReadModelCollectionsTest {

    /** Built without Spring, as the benchmark's seeding builds one; it connects only when used (never here). */
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:1");
    private final MongoTemplate mongo = new MongoTemplate(client, "test");

    @AfterEach
    void generationZero() {
        ReadModels.ALL.forEach(readModel -> ReadModelCollections.makeCurrent(readModel, 0));
        client.close();
    }

    @Test
    void generationZeroKeepsTheNamesCollectionsAlwaysHad() {
        assertThat(ReadModelCollections.name(OrderDocument.COLLECTION)).isEqualTo("orders");
        assertThat(mongo.getCollectionName(KpiOrder.class)).isEqualTo("kpi_orders");
    }

    @Test
    void everyCollectionOfAReadModelFollowsItsCurrentGenerationAtEveryOperation() {
        ReadModelCollections.makeCurrent(ReadModels.ORDERS, 2);

        assertThat(ReadModelCollections.name("order_lists")).isEqualTo("order_lists_g2");
        assertThat(mongo.getCollectionName(OrderDocument.class)).isEqualTo("orders_g2");
        assertThat(ReadModelCollections.name("inventory")).as("another read model").isEqualTo("inventory");

        ReadModelCollections.makeCurrent(ReadModels.ORDERS, 3);
        assertThat(mongo.getCollectionName(OrderDocument.class)).isEqualTo("orders_g3");
    }

    @Test
    void aShadowThreadWritesTheGenerationItBuildsAndOnlyForItsReadModel() throws InterruptedException {
        ReadModelCollections.makeCurrent(ReadModels.ORDERS, 1);
        AtomicReference<String> seen = new AtomicReference<>();
        Thread shadow = ReadModelCollections.shadowThreads("orders@g2", ReadModels.ORDERS, 2).newThread(() ->
                seen.set(ReadModelCollections.name("orders") + " " + ReadModelCollections.name("inventory") + " "
                        + ReadModelCollections.inShadow()));
        shadow.start();
        shadow.join();

        assertThat(seen.get()).isEqualTo("orders_g2 inventory true");
        assertThat(ReadModelCollections.name("orders")).isEqualTo("orders_g1");
        assertThat(ReadModelCollections.inShadow()).isFalse();
    }

    @Test
    void aCollectionOfNoReadModelIsRefused() {
        assertThatThrownBy(() -> ReadModelCollections.name("stream_changes"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
