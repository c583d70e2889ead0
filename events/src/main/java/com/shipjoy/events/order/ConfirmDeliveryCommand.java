package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import java.time.Instant;

/** The carrier confirmed delivery of the whole shipped order. */
public record ConfirmDeliveryCommand(OrderId orderId, Instant deliveredAt) implements OrderCommand {
}
