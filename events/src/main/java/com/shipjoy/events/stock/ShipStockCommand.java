package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ShipmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Picked units of an order leave the warehouse from OUTBOUND. */
public record ShipStockCommand(@TargetAggregateIdentifier StockId stockId, OrderId orderId, ShipmentId shipmentId,
                               Quantity quantity) {
}
