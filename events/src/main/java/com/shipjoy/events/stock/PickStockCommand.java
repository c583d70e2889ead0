package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A confirmed pick: {@code picked} units taken from {@code location} to OUTBOUND for the order. Fewer than
 * {@code expected} is a short pick: the location held no more, so it is adjusted to what was found first. Answers a
 * {@link PickOutcome}.
 */
public record PickStockCommand(@TargetAggregateIdentifier StockId stockId, OrderId orderId, ShipmentId shipmentId,
                               TaskId taskId, Location location, long expected, long picked) {
}
