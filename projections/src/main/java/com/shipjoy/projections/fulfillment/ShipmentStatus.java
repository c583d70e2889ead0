package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentPickedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;

/**
 * A shipment's status (contract §10), in the order a shipment goes through them. A status only ever moves forward
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

    /** The later of {@code current} (a status name, null for none) and {@code next} (null: no change). */
    public static String advance(String current, ShipmentStatus next) {
        if (current == null) {
            return next != null ? next.name() : RELEASED.name();
        }
        if (next == null || valueOf(current).ordinal() >= next.ordinal()) {
            return current;
        }
        return next.name();
    }
}
