package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command to a shipment; its stream id is type-prefixed, as ids of all aggregates share one namespace. */
public interface ShipmentCommand {

    ShipmentId shipmentId();

    @TargetAggregateIdentifier
    default String streamId() {
        return streamId(shipmentId());
    }

    static String streamId(ShipmentId shipmentId) {
        return "shipment#" + shipmentId.value();
    }
}
