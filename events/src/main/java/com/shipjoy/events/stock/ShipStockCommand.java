package com.shipjoy.events.stock;

import com.shipjoy.events.common.Quantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Picked units of an order leave the warehouse from OUTBOUND. */
public record ShipStockCommand(@TargetAggregateIdentifier StockId stockId, String orderId, String shipmentId,
                               Quantity quantity) {
}
