package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;

/** A stock event done for an order (reserving, planning picks, picking, shipping, a return): part of its history. */
public interface OrderStockEvent {

    OrderId orderId();
}
