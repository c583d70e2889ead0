package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;

/** Cancels a shipment that has not shipped, with its open tasks; a shipped or cancelled one is left as it is. */
public record CancelShipmentCommand(ShipmentId shipmentId, String reason) implements ShipmentCommand {
}
