package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;

/** Every unit of the order is reserved. */
public record OrderAllocatedEvent(OrderId orderId) implements OrderEvent {
}
