package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;

/** {@code allocatedAfter} and {@code backorderedAfter} are the line's figures after losing the units. */
public record OrderLineDeallocatedEvent(OrderId orderId, Sku sku, WarehouseId warehouseId, long quantity,
                                        String reason, long allocatedAfter, long backorderedAfter) implements OrderEvent {
}
