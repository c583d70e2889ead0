package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import java.time.Instant;

public record OrderDeliveredEvent(OrderId orderId, Instant deliveredAt) implements OrderEvent {
}
