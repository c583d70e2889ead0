package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/**
 * A pick task at {@code location} was confirmed: the units planned for it there are no longer held, whatever was
 * found. Comes first among a confirmation's stock events; not a movement.
 */
public record PickPlanClosedEvent(StockId stockId, String orderId, String shipmentId, String taskId,
                                  Location location, long quantity) {
}
