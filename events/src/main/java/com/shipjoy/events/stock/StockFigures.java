package com.shipjoy.events.stock;

/** A stock event: the sku's figures in its warehouse after it, which read models and lookups set, never add. */
public interface StockFigures {

    StockId stockId();

    long onHandAfter();

    long reservedAfter();
}
