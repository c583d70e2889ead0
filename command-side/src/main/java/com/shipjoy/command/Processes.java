package com.shipjoy.command;

/** Command-side processes that react to events with more commands; the API waits for them where the answer needs it. */
public final class Processes {

    /**
     * Reserves stock for orders and fills backorders ({@code allocation.OrderAllocation}), and drives their shipments
     * ({@code fulfillment.Fulfillment}): one single-threaded processor, so every reaction keeps event-store order.
     */
    public static final String ORDER_ALLOCATION = "order-allocation";

    /** Posts a recorded receipt's lines to their Stocks again after a crash between the two steps. */
    public static final String RECEIPT_POSTING = "receipt-posting";

    /** What a command that may free or add stock, or move an order on, waits for before answering. */
    public static final String[] STOCK_REACTIONS = {ORDER_ALLOCATION};

    private Processes() {
    }
}
