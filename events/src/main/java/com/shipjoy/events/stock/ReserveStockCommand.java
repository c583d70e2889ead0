package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Promises up to {@code quantity} available units to an order; answers how many it reserved. */
public record ReserveStockCommand(@TargetAggregateIdentifier StockId stockId, OrderId orderId, Quantity quantity) {
}
