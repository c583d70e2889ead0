package com.shipjoy.events.order;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.OrderId;
import java.util.List;

public record OrderPlacedEvent(OrderId orderId, Channel channel, ExternalOrderId externalOrderId, Customer customer,
                               ShipTo shipTo, List<OrderLine> lines, boolean shipPartial, String contentDigest) implements OrderEvent {
}
