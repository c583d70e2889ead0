package com.shipjoy.events.fulfillment;

/**
 * A shipment's status, in the order a shipment goes through them. A status only ever moves forward
 * ({@link #advance}), so an event delivered again, or late, never sets a shipment back; CANCELLED is final.
 */
public enum ShipmentStatus {
    RELEASED, PICKING, PICKED, PACKED, SHIPPED, CANCELLED;

    /** The status {@code event} moves a shipment to, or null for an event that does not move it. */
    public static ShipmentStatus after(FulfillmentEvent event) {
        if (event instanceof ShipmentReleasedEvent) {
            return RELEASED;
        } else if (event instanceof TaskAssignedEvent || event instanceof TaskConfirmedEvent) {
            return PICKING;
        } else if (event instanceof ShipmentPickedEvent) {
            return PICKED;
        } else if (event instanceof ShipmentPackedEvent) {
            return PACKED;
        } else if (event instanceof ShipmentShippedEvent) {
            return SHIPPED;
        } else if (event instanceof ShipmentCancelledEvent) {
            return CANCELLED;
        }
        return null;
    }

    /** The later of {@code current} (null for none: RELEASED) and {@code next} (null: no change). */
    public static ShipmentStatus advance(ShipmentStatus current, ShipmentStatus next) {
        if (current == null) {
            return next != null ? next : RELEASED;
        }
        return next == null || current.compareTo(next) >= 0 ? current : next;
    }

    /** Picking has begun: a task was taken or confirmed, or the shipment is further along (and not cancelled). */
    public boolean started() {
        return this != RELEASED && this != CANCELLED;
    }
}
