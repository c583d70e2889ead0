package com.shipjoy.events.stock;

import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseStockCommand(@TargetAggregateIdentifier StockId stockId, String orderId, Quantity quantity,
                                  String reason) {
}
