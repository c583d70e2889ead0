package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.ReceiptId;

public record StockReceivedEvent(StockId stockId, ReceiptId receiptId, int line, Location location, long quantity,
                                 long locationQuantityAfter, long onHandAfter, long reservedAfter)
        implements StockFigures {
}
