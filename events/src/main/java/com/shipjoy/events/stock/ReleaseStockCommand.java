package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives up to {@code quantity} of an order's reserved units back; answers how many it released. */
public record ReleaseStockCommand(@TargetAggregateIdentifier StockId stockId, OrderId orderId, Quantity quantity,
                                  String reason) {
}
