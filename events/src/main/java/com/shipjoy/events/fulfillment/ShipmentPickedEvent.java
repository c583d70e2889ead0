package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.Map;

/** Every task is done and its units are at OUTBOUND; {@code picked}: units per sku, what packing must hold. */
public record ShipmentPickedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                  Map<String, Long> picked) implements FulfillmentEvent {

    public ShipmentPickedEvent {
        picked = Map.copyOf(picked);
    }
}
