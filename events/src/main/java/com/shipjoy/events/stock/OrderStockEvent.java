package com.shipjoy.events.stock;

/** A stock event done for an order (reserving, planning picks, picking, shipping, a return): part of its history. */
public interface OrderStockEvent {

    String orderId();
}
