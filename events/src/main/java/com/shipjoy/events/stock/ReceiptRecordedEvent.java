package com.shipjoy.events.stock;

import com.shipjoy.events.common.ReceiptId;
import com.shipjoy.events.common.WarehouseId;
import java.util.List;

/** The goods receipt as a document; each line is then posted to its stock as a {@link StockReceivedEvent}. */
public record ReceiptRecordedEvent(ReceiptId receiptId, WarehouseId warehouseId, String reference,
                                   List<ReceiptLine> lines) {
}
