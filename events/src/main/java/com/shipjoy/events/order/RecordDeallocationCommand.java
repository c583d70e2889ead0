package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the order it lost reserved units (a count found fewer on hand than were promised). */
public record RecordDeallocationCommand(OrderId orderId, Sku sku, WarehouseId warehouseId, Quantity quantity,
                                        String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return PlaceOrderCommand.streamId(orderId);
    }
}
