package com.shipjoy.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockFigures;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockMovedEvent;
import com.shipjoy.events.stock.StockPickedEvent;
import com.shipjoy.events.stock.StockReceivedEvent;
import com.shipjoy.events.stock.StockReleasedEvent;
import com.shipjoy.events.stock.StockReservedEvent;
import com.shipjoy.events.stock.StockReturnedEvent;
import com.shipjoy.events.stock.StockShippedEvent;
import com.shipjoy.events.stock.StockWrittenOffEvent;
import com.shipjoy.projections.InProcessMongo;
import com.shipjoy.projections.audit.StockCheckpoints.Mark;
import com.shipjoy.projections.audit.StockCheckpoints.Stock;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The auditors' arithmetic and the checkpoints kept of it, on the embedded read-model store. */
class StockCheckpointProjectionTest {

    private static final StockId W1_MUG = StockId.of("MUG", "W1");
    private static final Location A01 = new Location("A-01");
    private static final Location A02 = new Location("A-02");
    private static final OrderId ORDER = new OrderId("O-1");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.000100Z");

    @RegisterExtension
    final InProcessMongo store = new InProcessMongo();
    private final MongoTemplate mongo = store.template();
    private final StockCheckpointProjection projection = new StockCheckpointProjection(mongo, 3);

    @Test
    void everyMovementAddsUpFromItsQuantitiesNotFromTheFiguresItCarries() {
        StockLevel level = new StockLevel();
        // Figures-after deliberately wrong (-1): the level must not use them.
        List<StockFigures> movements = List.of(
                new StockReceivedEvent(W1_MUG, new ReceiptId("R-1"), 0, A01, 10, -1, -1, -1),
                new StockMovedEvent(W1_MUG, A01, A02, 3, -1, -1, -1, -1),
                new StockReservedEvent(W1_MUG, ORDER, 4, -1, -1),
                new StockPickedEvent(W1_MUG, ORDER, new ShipmentId("S-1"), new TaskId("S-1.1"), A01, 4, -1, -1, -1,
                        -1),
                new StockShippedEvent(W1_MUG, ORDER, new ShipmentId("S-1"), 3, -1, -1, -1),
                new StockReleasedEvent(W1_MUG, ORDER, 1, "CANCELLED", -1, -1),
                new StockReturnedEvent(W1_MUG, new RmaId("RMA-1"), 0, ORDER, A02, 2, -1, -1, -1),
                new StockWrittenOffEvent(W1_MUG, new RmaId("RMA-1"), 1, ORDER, 1, -1, -1),
                new StockCountedEvent(W1_MUG, "C-1", A01, 3, 1, -2, "cycle count", -1, -1));
        movements.forEach(movement -> assertThat(level.apply(movement)).isTrue());

        // 10 - 3 - 4 = 3, counted 1; A-02: 3 + 2; OUTBOUND: 4 picked - 3 shipped; reserved 4 - 3 - 1.
        assertThat(level.locations()).isEqualTo(Map.of("A-01", 1L, "A-02", 5L, "OUTBOUND", 1L));
        assertThat(level.onHand()).isEqualTo(7);
        assertThat(level.reserved()).isZero();
        assertThat(level.movements()).isEqualTo(9);
        assertThat(level.apply("not a movement")).isFalse();
        assertThat(level.movements()).isEqualTo(9);
    }

    @Test
    void keepsTheLevelNowAndOneEveryIntervalOfSequenceNumbers() {
        for (long sequence = 0; sequence < 8; sequence++) {
            projection.on(receipt(sequence), sequence, T0.plusSeconds(sequence));
        }

        Stock stock = stock();
        // One unit per receipt: after sequence n the Stock holds n + 1 units.
        assertThat(stock.current()).isEqualTo(new Checkpoint(7, T0.plusSeconds(7).plusNanos(900_000), 8, 0,
                List.of(new LocationStock("A-01", 8))));
        assertThat(stock.earlier()).extracting(Mark::sequence).containsExactly(3L, 6L);
        assertThat(earlier(6)).isEqualTo(new Checkpoint(6, T0.plusSeconds(6).plusNanos(900_000), 7, 0,
                List.of(new LocationStock("A-01", 7))));
        assertThat(earlier(3).movements()).isEqualTo(4);
        assertThat(stock.firstPosition()).as("not read from an event store").isNull();
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        for (long sequence = 0; sequence < 5; sequence++) {
            projection.on(receipt(sequence), sequence, T0.plusSeconds(sequence));
        }
        Stock before = stock();

        for (long sequence = 2; sequence < 5; sequence++) {
            projection.on(receipt(sequence), sequence, T0.plusSeconds(sequence));
        }

        assertThat(stock()).isEqualTo(before);
        assertThat(mongo.findAll(EarlierCheckpoint.class)).hasSize(1);
    }

    @Test
    void aCheckpointIsStampedWithTheNewestStampOfItsMovementsEvenIfTheClockWentBack() {
        projection.on(receipt(0), 0, T0.plusSeconds(10));
        projection.on(receipt(1), 1, T0);

        assertThat(stock().current().timestamp()).isEqualTo(T0.plusSeconds(10).plusNanos(900_000));
    }

    private static StockReceivedEvent receipt(long sequence) {
        return new StockReceivedEvent(W1_MUG, new ReceiptId("R-" + sequence), 0, A01, 1, sequence + 1, sequence + 1,
                0);
    }

    private Stock stock() {
        return mongo.findById("MUG", StockCheckpoints.class).warehouses().get(0);
    }

    private Checkpoint earlier(long sequence) {
        return mongo.findById(EarlierCheckpoint.id("W1:MUG", sequence), EarlierCheckpoint.class).checkpoint();
    }
}
