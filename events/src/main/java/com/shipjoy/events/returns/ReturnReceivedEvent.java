package com.shipjoy.events.returns;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.OrderEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code returnedAfter}: the order's returned units per sku after this receipt; {@code allReturned} when every
 * shipped unit has come back. {@code exchange} is the order to place, for an EXCHANGE return, else null.
 */
public record ReturnReceivedEvent(OrderId orderId, RmaId rmaId, WarehouseId warehouseId,
                                  List<ReturnReceiptLine> lines, Map<String, Long> returnedAfter,
                                  boolean allReturned, ExchangeOrder exchange) implements OrderEvent {

    public ReturnReceivedEvent {
        lines = List.copyOf(lines);
        returnedAfter = Map.copyOf(returnedAfter);
    }
}
