package com.shipjoy.events.stock;

import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordReceiptCommand(ReceiptId receiptId, WarehouseId warehouseId, String reference,
                                   List<ReceiptLine> lines) {

    public RecordReceiptCommand {
        lines = List.copyOf(lines);
    }

    @TargetAggregateIdentifier
    public String streamId() {
        return streamId(receiptId);
    }

    /**
     * The receipt's aggregate identifier. Every aggregate shares one identifier namespace in the event store, and a
     * receipt id has the syntax of a warehouse code: unprefixed, receipt "WH1" would load warehouse WH1's events.
     * '#' occurs in no id, so no other aggregate can be named like this.
     */
    public static String streamId(ReceiptId receiptId) {
        return "receipt#" + receiptId.value();
    }
}
