package com.shipjoy.events.returns;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.order.OrderCommand;
import java.util.List;

/**
 * Opens a return (RMA) on an order. {@code contentDigest} identifies the request's content, as with order intake:
 * the same rmaId with the same digest is a repeat.
 */
public record RequestReturnCommand(OrderId orderId, RmaId rmaId, List<ReturnLine> lines, String reason,
                                   ReturnResolution resolution, List<ReturnLine> exchangeLines,
                                   String contentDigest) implements OrderCommand {

    public RequestReturnCommand {
        lines = List.copyOf(lines);
        exchangeLines = List.copyOf(exchangeLines);
    }
}
