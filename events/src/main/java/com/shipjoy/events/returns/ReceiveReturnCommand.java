package com.shipjoy.events.returns;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.order.OrderCommand;
import java.util.List;

/** The returned goods arrived at a warehouse, each line with its condition. */
public record ReceiveReturnCommand(OrderId orderId, RmaId rmaId, WarehouseId warehouseId,
                                   List<ReturnReceiptLine> lines) implements OrderCommand {

    public ReceiveReturnCommand {
        lines = List.copyOf(lines);
    }
}
