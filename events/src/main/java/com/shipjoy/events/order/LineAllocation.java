package com.shipjoy.events.order;

import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.WarehouseId;

/** Units of one sku reserved for an order in one warehouse. */
public record LineAllocation(Sku sku, WarehouseId warehouseId, Quantity quantity) {
}
