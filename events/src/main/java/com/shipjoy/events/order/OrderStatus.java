package com.shipjoy.events.order;

import com.shipjoy.events.fulfillment.ShipmentStatus;
import java.util.Collection;

/**
 * An order's status, declared in precedence order: where several hold, the first wins. So an order
 * whose short pick left units waiting for stock is BACKORDERED until something ships. {@link #of} is the one place
 * that decides it; the order aggregate and the order read model each give it what they know.
 */
public enum OrderStatus {
    CANCELLED, RETURNED, DELIVERED, SHIPPED, PARTIALLY_SHIPPED, BACKORDERED, PACKED, PICKING, ALLOCATED, PLACED;

    /** One line's units: ordered, allocated, waiting for stock, shipped, and received back from returns. */
    public record Line(long quantity, long allocated, long backordered, long shipped, long returned) {
    }

    /**
     * CANCELLED; RETURNED when every shipped unit came back; DELIVERED; SHIPPED when every ordered unit shipped,
     * PARTIALLY_SHIPPED when some did; BACKORDERED when any unit waits for stock; PACKED when every shipment that is
     * not cancelled is packed; PICKING once any such shipment started picking; ALLOCATED when every unit is
     * allocated; else PLACED. {@code shipments}: the statuses of the order's shipments, empty where unknown.
     */
    public static OrderStatus of(boolean cancelled, boolean delivered, Collection<Line> lines,
                                 Collection<ShipmentStatus> shipments) {
        if (cancelled) {
            return CANCELLED;
        }
        boolean anyShipped = lines.stream().anyMatch(line -> line.shipped() > 0);
        if (anyShipped && lines.stream().allMatch(line -> line.returned() >= line.shipped())) {
            return RETURNED;
        }
        if (delivered) {
            return DELIVERED;
        }
        if (anyShipped) {
            return lines.stream().allMatch(line -> line.shipped() >= line.quantity()) ? SHIPPED : PARTIALLY_SHIPPED;
        }
        if (lines.stream().anyMatch(line -> line.backordered() > 0)) {
            return BACKORDERED;
        }
        var active = shipments.stream().filter(shipment -> shipment != ShipmentStatus.CANCELLED).toList();
        if (!active.isEmpty() && active.stream().allMatch(ShipmentStatus.PACKED::equals)) {
            return PACKED;
        }
        if (active.stream().anyMatch(ShipmentStatus::started)) {
            return PICKING;
        }
        return lines.stream().allMatch(line -> line.allocated() >= line.quantity()) ? ALLOCATED : PLACED;
    }
}
