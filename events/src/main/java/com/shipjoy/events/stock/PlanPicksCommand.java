package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ShipmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Chooses the bin locations from which an order's reserved units are to be picked for a shipment, and holds them
 * for it; answers the {@link PickLocation}s, in walking order (by location name).
 */
public record PlanPicksCommand(@TargetAggregateIdentifier StockId stockId, OrderId orderId, ShipmentId shipmentId,
                               Quantity quantity) {
}
