package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;

public record ShipmentPackedEvent(ShipmentId shipmentId, OrderId orderId, WarehouseId warehouseId,
                                  List<Carton> cartons) implements FulfillmentEvent {

    public ShipmentPackedEvent {
        cartons = List.copyOf(cartons);
    }
}
