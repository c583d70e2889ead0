package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;

/**
 * Units no longer promised to an order. {@code reason} {@value #COUNT_SHORTFALL} means a cycle count left fewer
 * units on hand than were reserved, so the newest reservations were revoked to keep reserved ≤ on-hand;
 * {@value #SHORT_PICK}: a picker found fewer units than the order's task expected and no other bin holds them.
 */
public record StockReleasedEvent(StockId stockId, OrderId orderId, long quantity, String reason, long onHandAfter,
                                 long reservedAfter) implements StockFigures, OrderStockEvent {

    public static final String COUNT_SHORTFALL = "COUNT_SHORTFALL";
    public static final String SHORT_PICK = "SHORT_PICK";
}
