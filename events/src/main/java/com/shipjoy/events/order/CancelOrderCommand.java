package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancelling a cancelled order changes nothing; once anything shipped it is refused. */
public record CancelOrderCommand(OrderId orderId, String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return PlaceOrderCommand.streamId(orderId);
    }
}
