package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.WarehouseId;
import java.util.Map;

/** Tells the order that one of its shipments left the warehouse with these units per sku. */
public record RecordShipmentCommand(OrderId orderId, ShipmentId shipmentId, WarehouseId warehouseId,
                                    Map<String, Long> lines) implements OrderCommand {

    public RecordShipmentCommand {
        lines = Map.copyOf(lines);
    }
}
