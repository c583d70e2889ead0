package com.shipjoy.events.order;

import com.shipjoy.events.common.OrderId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tells the order which stock was just reserved for it (added to what it had). Sent by the allocation process after
 * the reservations succeeded; whatever stays unallocated is backordered.
 */
public record RecordAllocationCommand(OrderId orderId, List<LineAllocation> allocations) {

    public RecordAllocationCommand {
        allocations = List.copyOf(allocations);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return PlaceOrderCommand.streamId(orderId);
    }
}
