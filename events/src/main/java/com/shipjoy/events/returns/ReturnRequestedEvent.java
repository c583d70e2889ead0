package com.shipjoy.events.returns;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.order.OrderEvent;
import java.util.List;

public record ReturnRequestedEvent(OrderId orderId, RmaId rmaId, List<ReturnLine> lines, String reason,
                                   ReturnResolution resolution, List<ReturnLine> exchangeLines,
                                   String contentDigest) implements OrderEvent {

    public ReturnRequestedEvent {
        lines = List.copyOf(lines);
        exchangeLines = List.copyOf(exchangeLines);
    }
}
