package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.Map;

/** Every task is done; {@code picked}: units per sku waiting at OUTBOUND to be packed. */
public record ShipmentPickedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                  Map<String, Long> picked) implements FulfillmentEvent {

    public ShipmentPickedEvent {
        picked = Map.copyOf(picked);
    }
}
