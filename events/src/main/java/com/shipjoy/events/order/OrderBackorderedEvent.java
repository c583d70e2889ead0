package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import java.time.Instant;
import java.util.Map;

/**
 * The order waits for stock: the units per sku that could not be allocated. {@code placedAt} sets its turn in the
 * backorder queue.
 */
public record OrderBackorderedEvent(OrderId orderId, Map<String, Long> backordered, Instant placedAt) implements OrderEvent {
}
