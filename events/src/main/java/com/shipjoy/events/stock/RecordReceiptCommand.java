package com.shipjoy.events.stock;

import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordReceiptCommand(@TargetAggregateIdentifier ReceiptId receiptId, WarehouseId warehouseId,
                                   String reference, List<ReceiptLine> lines) {

    public RecordReceiptCommand {
        lines = List.copyOf(lines);
    }
}
