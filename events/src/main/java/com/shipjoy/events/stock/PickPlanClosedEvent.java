package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;

/**
 * A pick task at {@code location} was confirmed: the units planned for it there are no longer held, whatever was
 * found. Comes first among a confirmation's stock events; not a movement.
 */
public record PickPlanClosedEvent(StockId stockId, OrderId orderId, ShipmentId shipmentId, TaskId taskId,
                                  Location location, long quantity) {
}
