package com.shipjoy.command.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.LineAllocation;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.RecordAllocationCommand;
import com.shipjoy.events.order.RecordDeallocationCommand;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.events.stock.ReleaseStockCommand;
import com.shipjoy.events.stock.ReserveStockCommand;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.events.stock.StockReleasedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The allocation process's decisions: given the events it has handled (and the stock levels it plans with), an event
 * causes exactly these commands. Events go through Axon's {@link AnnotationEventHandlerAdapter}, so handler selection
 * and the {@code @Timestamp} and {@code CommandGateway} parameters resolve as in production (there the gateway is a
 * Spring bean, here a resource); commands go to a {@link RecordingCommandBus} whose callback is a {@link FakeStock}.
 */
class OrderAllocationTest {

    static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    static final String MUG = "MUG-1";
    static final String CUP = "CUP-1";

    final FakeStock stock = new FakeStock();
    final FakeBackorders backorders = new FakeBackorders();
    final FakeReservations reservations = new FakeReservations();
    final RecordingCommandBus commandBus = new RecordingCommandBus();
    AnnotationEventHandlerAdapter process;

    @BeforeEach
    void setUp() {
        commandBus.setCallbackBehavior(stock);
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
        process = new AnnotationEventHandlerAdapter(new OrderAllocation(new StockLevels(stock), backorders,
                reservations), new MultiParameterResolverFactory(new SimpleResourceParameterResolverFactory(
                List.of(gateway)), ClasspathParameterResolverFactory.forClass(OrderAllocation.class)));
    }

    // ---- given, when, then ----

    /** Events the process handled before; the commands they caused are not what the test is about. */
    void given(Object... events) throws Exception {
        when(events);
    }

    /** The payloads of the commands the events caused, in the order they were sent. */
    List<Object> when(Object... events) throws Exception {
        commandBus.clearCommands();
        for (Object event : events) {
            process.handle(event instanceof EventMessage<?> message ? message : new GenericEventMessage<>(event));
        }
        List<Object> sent = new ArrayList<>();
        for (CommandMessage<?> command : commandBus.getDispatchedCommands()) {
            sent.add(command.getPayload());
        }
        commandBus.clearCommands();
        return sent;
    }

    /** The backorder queue of a sku, oldest turn first, as "orderId=units". */
    List<String> queue(String sku) {
        return backorders.findBySkuOrderByQueuedAtAscOrderIdAsc(sku).stream()
                .map(waiting -> waiting.orderId() + "=" + waiting.quantity()).toList();
    }

    // ---- events and commands ----

    /** When an order was placed: {@code second} seconds after T0 (the backorder queue goes by it). */
    static Instant atSecond(long second) {
        return T0.plusSeconds(second);
    }

    /** An order placed at {@code placedAt}, for skus and quantities in pairs. */
    static EventMessage<OrderPlacedEvent> placed(String orderId, Instant placedAt, Object... skusAndQuantities) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < skusAndQuantities.length; i += 2) {
            lines.add(new OrderLine(new Sku((String) skusAndQuantities[i]),
                    Quantity.of(((Number) skusAndQuantities[i + 1]).longValue()), "9.99", "EUR"));
        }
        OrderPlacedEvent event = new OrderPlacedEvent(new OrderId(orderId), new Channel("web"),
                new ExternalOrderId("web " + orderId), new Customer(new CustomerId("C-1"), "Ada", "ada@example.com"),
                new ShipTo("Ada", "1 Main St", "Springfield", "12345", "US"), lines, false, "digest " + orderId);
        return new GenericEventMessage<>(IdentifierFactory.getInstance().generateIdentifier(), event,
                MetaData.emptyInstance(), placedAt);
    }

    static OrderCancelledEvent cancelled(String orderId) {
        return new OrderCancelledEvent(new OrderId(orderId), "customer changed their mind", List.of());
    }

    static ReserveStockCommand reserve(String warehouseId, String sku, String orderId, long quantity) {
        return new ReserveStockCommand(StockId.of(sku, warehouseId), new OrderId(orderId), Quantity.of(quantity));
    }

    static ReleaseStockCommand release(String warehouseId, String sku, String orderId, long quantity) {
        return new ReleaseStockCommand(StockId.of(sku, warehouseId), new OrderId(orderId), Quantity.of(quantity),
                OrderAllocation.CANCELLED);
    }

    static RecordAllocationCommand allocation(String orderId, LineAllocation... allocations) {
        return new RecordAllocationCommand(new OrderId(orderId), List.of(allocations));
    }

    static LineAllocation line(String sku, String warehouseId, long quantity) {
        return new LineAllocation(new Sku(sku), new WarehouseId(warehouseId), Quantity.of(quantity));
    }

    // ---- a new order ----

    @Test
    void oneWarehouseThatCanFillTheWholeOrderReservesItAll() throws Exception {
        // W1 holds more mugs, but only W2 can fill both lines.
        given(stock.receive("W1", MUG, 5), stock.receive("W2", MUG, 2), stock.receive("W2", CUP, 1));

        assertThat(when(placed("O-1", atSecond(0), MUG, 2, CUP, 1))).containsExactly(
                reserve("W2", MUG, "O-1", 2), reserve("W2", CUP, "O-1", 1),
                allocation("O-1", line(MUG, "W2", 2), line(CUP, "W2", 1)));
        assertThat(queue(MUG)).isEmpty();
        assertThat(queue(CUP)).isEmpty();
    }

    @Test
    void otherwiseEachLineSplitsOverTheWarehousesHoldingMostFirst() throws Exception {
        given(stock.receive("W1", MUG, 2), stock.receive("W2", MUG, 4), stock.receive("W3", MUG, 3));

        assertThat(when(placed("O-1", atSecond(0), MUG, 7))).containsExactly(
                reserve("W2", MUG, "O-1", 4), reserve("W3", MUG, "O-1", 3),
                allocation("O-1", line(MUG, "W2", 4), line(MUG, "W3", 3)));
        assertThat(queue(MUG)).isEmpty();
    }

    @Test
    void whatIsThereIsReservedAndTheRestQueuedAsBackorders() throws Exception {
        given(stock.receive("W1", MUG, 3));

        assertThat(when(placed("O-1", atSecond(0), MUG, 5, CUP, 2))).containsExactly(
                reserve("W1", MUG, "O-1", 3), allocation("O-1", line(MUG, "W1", 3)));
        assertThat(queue(MUG)).containsExactly("O-1=2");
        assertThat(queue(CUP)).containsExactly("O-1=2");
    }

    @Test
    void anOrderNothingCanServeIsStillToldSoThatItIsBackordered() throws Exception {
        assertThat(when(placed("O-1", atSecond(0), MUG, 2))).containsExactly(allocation("O-1"));
        assertThat(queue(MUG)).containsExactly("O-1=2");
    }

    @Test
    void aNewOrderGoesAfterOlderBackordersOfTheSameSku() throws Exception {
        given(placed("O-1", atSecond(0), MUG, 2));
        stock.receive("W1", MUG, 3); // in the lookup already; the process has not reached the receipt yet

        assertThat(when(placed("O-2", atSecond(1), MUG, 2))).containsExactly(
                reserve("W1", MUG, "O-1", 2), allocation("O-1", line(MUG, "W1", 2)),
                reserve("W1", MUG, "O-2", 1), allocation("O-2", line(MUG, "W1", 1)));
        assertThat(queue(MUG)).containsExactly("O-2=1");
    }

    @Test
    void aReservationShortOfThePlanRecordsOnlyWhatWasGot() throws Exception {
        given(stock.receive("W1", MUG, 5));
        stock.vanish("W1", MUG, 4); // the lookup still shows 5 available

        assertThat(when(placed("O-1", atSecond(0), MUG, 3))).containsExactly(
                reserve("W1", MUG, "O-1", 3), allocation("O-1", line(MUG, "W1", 1)));
        assertThat(queue(MUG)).containsExactly("O-1=2");
    }

    @Test
    void unitsAStockDidNotHaveAreNotOfferedAgainInTheSamePass() throws Exception {
        given(placed("O-1", atSecond(0), MUG, 2), placed("O-2", atSecond(1), MUG, 3));
        stock.receive("W1", MUG, 5);
        stock.vanish("W1", MUG, 4); // the lookup still shows 5 available in W1

        // W1 answers 1 instead of 2: it has nothing more, so O-2 is served from W2 rather than asking W1 again.
        assertThat(when(stock.receive("W2", MUG, 3))).containsExactly(
                reserve("W1", MUG, "O-1", 2), allocation("O-1", line(MUG, "W1", 1)),
                reserve("W2", MUG, "O-2", 3), allocation("O-2", line(MUG, "W2", 3)));
        assertThat(queue(MUG)).containsExactly("O-1=1");
    }

    // ---- stock arriving serves the queue ----

    @Test
    void receivedStockFillsBackordersOldestFirstAndAPartialFillKeepsTheRestQueued() throws Exception {
        // Stored in this order, but O-3 was placed first, and O-1 and O-2 in the same millisecond.
        given(placed("O-2", atSecond(5), MUG, 2), placed("O-1", atSecond(5), MUG, 2),
                placed("O-3", atSecond(0), MUG, 2));
        assertThat(queue(MUG)).containsExactly("O-3=2", "O-1=2", "O-2=2");

        assertThat(when(stock.receive("W1", MUG, 5))).containsExactly(
                reserve("W1", MUG, "O-3", 2), allocation("O-3", line(MUG, "W1", 2)),
                reserve("W1", MUG, "O-1", 2), allocation("O-1", line(MUG, "W1", 2)),
                reserve("W1", MUG, "O-2", 1), allocation("O-2", line(MUG, "W1", 1)));
        assertThat(queue(MUG)).containsExactly("O-2=1");
    }

    @Test
    void aPositiveCountFillsBackordersANegativeOneDoesNot() throws Exception {
        given(placed("O-1", atSecond(0), MUG, 2));
        stock.receive("W1", MUG, 3); // available, but not what the counts below are about

        assertThat(when(stock.count("W1", MUG, -1))).isEmpty();
        assertThat(queue(MUG)).containsExactly("O-1=2");

        assertThat(when(stock.count("W1", MUG, 1))).containsExactly(
                reserve("W1", MUG, "O-1", 2), allocation("O-1", line(MUG, "W1", 2)));
        assertThat(queue(MUG)).isEmpty();
    }

    @Test
    void unitsReleasedByAnotherOrdersCancellationFillBackorders() throws Exception {
        given(stock.receive("W1", MUG, 2), placed("O-1", atSecond(0), MUG, 2), placed("O-2", atSecond(1), MUG, 2));
        assertThat(queue(MUG)).containsExactly("O-2=2");

        assertThat(when(cancelled("O-1"))).containsExactly(release("W1", MUG, "O-1", 2));
        assertThat(when(new StockReleasedEvent(StockId.of(MUG, "W1"), new OrderId("O-1"), 2, OrderAllocation.CANCELLED,
                2, 0)))
                .containsExactly(reserve("W1", MUG, "O-2", 2), allocation("O-2", line(MUG, "W1", 2)));
        assertThat(queue(MUG)).isEmpty();
    }

    // ---- cancellation ----

    @Test
    void cancellingReleasesEveryReservationAndTakesTheOrderOffTheQueue() throws Exception {
        given(stock.receive("W1", MUG, 2), stock.receive("W2", MUG, 1),
                placed("O-1", atSecond(0), MUG, 5, CUP, 1), placed("O-2", atSecond(1), MUG, 1));
        assertThat(queue(MUG)).containsExactly("O-1=2", "O-2=1");

        assertThat(when(cancelled("O-1"))).containsExactlyInAnyOrder(
                release("W1", MUG, "O-1", 2), release("W2", MUG, "O-1", 1));
        assertThat(stock.held("W1", MUG, "O-1") + stock.held("W2", MUG, "O-1")).isZero();
        assertThat(queue(MUG)).containsExactly("O-2=1");
        assertThat(queue(CUP)).isEmpty();
        assertThat(when(cancelled("O-1"))).as("nothing is left to release").isEmpty();
    }

    // ---- a count takes reserved units away ----

    @Test
    void aCountShortfallDeallocatesAndTheOrderRejoinsTheQueueAtItsTurn() throws Exception {
        given(stock.receive("W1", MUG, 2), placed("O-1", atSecond(0), MUG, 2), placed("O-2", atSecond(1), MUG, 3));
        StockReleasedEvent shortfall = stock.countShortfall("W1", MUG, "O-1", 2);
        stock.receive("W2", MUG, 1); // in the lookup already; the process has not reached the receipt yet

        // O-1 was placed before O-2: it goes first, and gets W2's unit.
        assertThat(when(shortfall)).containsExactly(
                new RecordDeallocationCommand(new OrderId("O-1"), new Sku(MUG), new WarehouseId("W1"), Quantity.of(2),
                        StockReleasedEvent.COUNT_SHORTFALL),
                reserve("W2", MUG, "O-1", 1), allocation("O-1", line(MUG, "W2", 1)));
        assertThat(queue(MUG)).containsExactly("O-1=1", "O-2=3");
        assertThat(backorders.findById(BackorderEntry.key("O-1", MUG))).get()
                .extracting(BackorderEntry::queuedAt).isEqualTo(T0.toEpochMilli());

        // What the count took is no longer the order's to release.
        assertThat(when(cancelled("O-1"))).containsExactly(release("W2", MUG, "O-1", 1));
    }

    @Test
    void aShortfallOfAnOrderTheProcessNoLongerHoldsOnlyServesTheQueue() throws Exception {
        given(placed("O-2", atSecond(1), MUG, 1));
        stock.receive("W1", MUG, 1);

        assertThat(when(new StockReleasedEvent(StockId.of(MUG, "W1"), new OrderId("O-9"), 1,
                StockReleasedEvent.COUNT_SHORTFALL, 1, 0)))
                .containsExactly(reserve("W1", MUG, "O-2", 1), allocation("O-2", line(MUG, "W1", 1)));
        assertThat(queue(MUG)).isEmpty();
    }

    /**
     * A count takes an order's units after it was cancelled but before the process reached the cancellation: the
     * releases still all go out (the Stock frees what is left), and the order leaves the queue.
     */
    @Test
    void aCancellationOvertakenByACountStillReleasesEverythingElse() throws Exception {
        given(stock.receive("W1", MUG, 2), stock.receive("W2", CUP, 1), placed("O-1", atSecond(0), MUG, 3, CUP, 1));
        stock.countShortfall("W1", MUG, "O-1", 2); // not yet seen by the process

        assertThat(when(cancelled("O-1"))).containsExactlyInAnyOrder(
                release("W1", MUG, "O-1", 2), release("W2", CUP, "O-1", 1));
        assertThat(stock.held("W2", CUP, "O-1")).isZero();
        assertThat(queue(MUG)).isEmpty();
    }
}
