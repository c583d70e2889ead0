package com.shipjoy.events.order;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.OrderId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes an order from a sales channel. {@code contentDigest} identifies the request's content after defaults,
 * without the orderId: the same (channel, externalOrderId) with the same digest is a repeat, with another a conflict.
 */
public record PlaceOrderCommand(OrderId orderId, Channel channel,
                                ExternalOrderId externalOrderId, Customer customer, ShipTo shipTo,
                                List<OrderLine> lines, boolean shipPartial, String contentDigest) {

    public PlaceOrderCommand {
        lines = List.copyOf(lines);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return streamId(orderId);
    }

    /** The order's aggregate identifier: type-prefixed, as an order id has the syntax of a warehouse code. */
    public static String streamId(OrderId orderId) {
        return "order#" + orderId.value();
    }
}
