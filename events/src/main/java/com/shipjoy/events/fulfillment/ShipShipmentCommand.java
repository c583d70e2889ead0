package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;

public record ShipShipmentCommand(ShipmentId shipmentId, String carrier, String trackingNumber)
        implements ShipmentCommand {
}
