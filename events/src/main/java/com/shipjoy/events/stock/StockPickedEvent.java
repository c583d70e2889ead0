package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.TaskId;

/** Units moved from a bin to OUTBOUND for an order; on-hand and reserved are unchanged. */
public record StockPickedEvent(StockId stockId, OrderId orderId, ShipmentId shipmentId, TaskId taskId,
                               Location location, long quantity, long locationQuantityAfter, long outboundAfter,
                               long onHandAfter, long reservedAfter) implements StockFigures, OrderStockEvent {
}
