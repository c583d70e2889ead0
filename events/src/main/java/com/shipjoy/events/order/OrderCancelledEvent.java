package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;

public record OrderCancelledEvent(OrderId orderId, String reason) implements OrderEvent {
}
