package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import java.util.Map;

/** The order waits for stock: the units per sku that could not be allocated. */
public record OrderBackorderedEvent(OrderId orderId, Map<String, Long> backordered) {
}
