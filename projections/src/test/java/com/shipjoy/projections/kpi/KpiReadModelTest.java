package com.shipjoy.projections.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.projections.InProcessMongo;
import com.shipjoy.projections.ReadModelFeed;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The KPI read model filled by a tool (the benchmark harness's seeding) on the embedded read-model store. */
class KpiReadModelTest {

    private static final Instant AT = Instant.parse("2026-12-05T10:15:00Z");

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoTemplate mongo = store.template();

    @Test
    void eventsAreWrittenPerBatchAsTheServiceDoesAndTheSamePositionsAgainAddNothing() {
        place(1, 150);

        assertThat(placedInTheHour()).isEqualTo(150);
        // Two batches of the service's size (100 and 50), each written once: one per event without the batching.
        assertThat(store.sent("update", KpiBucket.COLLECTION)).isEqualTo(2);

        place(1, 150);

        assertThat(placedInTheHour()).isEqualTo(150);
    }

    /** Orders {@code O-first} to {@code O-last} placed at {@link #AT}, each at the position of its number. */
    private void place(int first, int last) {
        try (ReadModelFeed feed = KpiReadModel.feed(mongo, 24)) {
            for (int i = first; i <= last; i++) {
                feed.apply(new OrderPlacedEvent(new OrderId("O-" + i), new Channel("webshop"),
                        new ExternalOrderId("WS-" + i), new Customer(new CustomerId("C-1"), "Ada", "ada@example.com"),
                        new ShipTo("Ada", "1 Way", "London", "N1", "GB"),
                        List.of(new OrderLine(new Sku("MUG-1"), new Quantity(1), "9.99", "EUR")), false, "digest"),
                        i, AT);
            }
        }
    }

    private long placedInTheHour() {
        KpiBucket bucket = mongo.findById(KpiBucket.id(null, Instant.parse("2026-12-05T10:00:00Z")),
                KpiBucket.class);
        return bucket == null ? 0 : bucket.counts().getOrDefault(KpiCounter.ORDERS_PLACED, 0L);
    }

}
