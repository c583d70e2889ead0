package com.shipjoy.events.stock;

import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Promises {@code quantity} available units to an order; refused when fewer are available. */
public record ReserveStockCommand(@TargetAggregateIdentifier StockId stockId, String orderId, Quantity quantity) {
}
