package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.WarehouseId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Posts line {@code line} of a receipt to the stock; posting the same line again changes nothing. */
public record ReceiveStockCommand(@TargetAggregateIdentifier StockId stockId, ReceiptId receiptId, int line,
                                  Location location, Quantity quantity) {

    /** The postings of a receipt, one per line, numbered from 0 in the order of the receipt. */
    public static List<ReceiveStockCommand> postingsOf(ReceiptId receiptId, WarehouseId warehouseId,
                                                       List<ReceiptLine> lines) {
        List<ReceiveStockCommand> postings = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ReceiptLine line = lines.get(i);
            postings.add(new ReceiveStockCommand(new StockId(line.sku(), warehouseId), receiptId, i, line.location(),
                    line.quantity()));
        }
        return postings;
    }
}
