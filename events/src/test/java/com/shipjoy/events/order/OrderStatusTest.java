package com.shipjoy.events.order;

import static com.shipjoy.events.fulfillment.ShipmentStatus.CANCELLED;
import static com.shipjoy.events.fulfillment.ShipmentStatus.PACKED;
import static com.shipjoy.events.fulfillment.ShipmentStatus.PICKED;
import static com.shipjoy.events.fulfillment.ShipmentStatus.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.fulfillment.ShipmentStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    private static final OrderStatus.Line PLACED = line().build();
    private static final OrderStatus.Line ALLOCATED = line().allocated(4).build();
    private static final OrderStatus.Line WAITING = line().allocated(1).backordered(3).build();

    @Test
    void anOrderNobodyHasAllocatedIsPlacedAndAFullyAllocatedOneAllocated() {
        assertThat(status(List.of(PLACED))).isEqualTo(OrderStatus.PLACED);
        assertThat(status(List.of(ALLOCATED), RELEASED)).isEqualTo(OrderStatus.ALLOCATED);
        assertThat(status(List.of(ALLOCATED, PLACED))).isEqualTo(OrderStatus.PLACED);
    }

    @Test
    void unitsWaitingForStockOutrankPickingAndPackingButNotShipping() {
        assertThat(status(List.of(WAITING), PICKED)).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(status(List.of(WAITING), PACKED)).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(status(List.of(line().allocated(1).backordered(3).shipped(1).build())))
                .isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
    }

    @Test
    void packedNeedsEveryShipmentThatIsNotCancelledPackedAndPickingAnyOfThemStarted() {
        assertThat(status(List.of(ALLOCATED), PACKED, CANCELLED)).isEqualTo(OrderStatus.PACKED);
        assertThat(status(List.of(ALLOCATED), PACKED, RELEASED)).isEqualTo(OrderStatus.PICKING);
        assertThat(status(List.of(ALLOCATED), ShipmentStatus.PICKING, RELEASED)).isEqualTo(OrderStatus.PICKING);
        assertThat(status(List.of(ALLOCATED), CANCELLED)).isEqualTo(OrderStatus.ALLOCATED);
    }

    @Test
    void shippedDeliveredReturnedAndCancelledWinInThatOrderFromTheBottomUp() {
        OrderStatus.Line shipped = line().allocated(4).shipped(4).build();
        OrderStatus.Line returned = line().allocated(4).shipped(4).returned(4).build();
        assertThat(status(List.of(shipped))).isEqualTo(OrderStatus.SHIPPED);
        assertThat(OrderStatus.of(false, true, List.of(shipped), List.of())).isEqualTo(OrderStatus.DELIVERED);
        assertThat(OrderStatus.of(false, true, List.of(returned), List.of())).isEqualTo(OrderStatus.RETURNED);
        assertThat(OrderStatus.of(true, true, List.of(returned), List.of())).isEqualTo(OrderStatus.CANCELLED);
        assertThat(status(List.of(line().allocated(4).shipped(4).returned(3).build())))
                .isEqualTo(OrderStatus.SHIPPED);
    }

    private static OrderStatus status(List<OrderStatus.Line> lines, ShipmentStatus... shipments) {
        return OrderStatus.of(false, false, lines, List.of(shipments));
    }

    /** A line of 4 units with nothing happened yet. */
    private static LineBuilder line() {
        return new LineBuilder();
    }

    private static final class LineBuilder {
        private long allocated;
        private long backordered;
        private long shipped;
        private long returned;

        LineBuilder allocated(long units) {
            allocated = units;
            return this;
        }

        LineBuilder backordered(long units) {
            backordered = units;
            return this;
        }

        LineBuilder shipped(long units) {
            shipped = units;
            return this;
        }

        LineBuilder returned(long units) {
            returned = units;
            return this;
        }

        OrderStatus.Line build() {
            return new OrderStatus.Line(4, allocated, backordered, shipped, returned);
        }
    }
}
