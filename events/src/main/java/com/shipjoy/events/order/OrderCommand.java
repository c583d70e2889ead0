package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command to an existing order. */
public interface OrderCommand {

    OrderId orderId();

    @TargetAggregateIdentifier
    default String streamId() {
        return PlaceOrderCommand.streamId(orderId());
    }
}
