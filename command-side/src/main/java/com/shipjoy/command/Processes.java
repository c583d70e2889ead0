package com.shipjoy.command;

/** Command-side processes that react to events with more commands; the API waits for them where the answer needs it. */
public final class Processes {

    /** Reserves stock for orders and fills backorders: see {@code allocation.OrderAllocation}. */
    public static final String ORDER_ALLOCATION = "order-allocation";

    /** What a command that may free or add stock waits for before answering. */
    public static final String[] STOCK_REACTIONS = {ORDER_ALLOCATION};

    private Processes() {
    }
}
