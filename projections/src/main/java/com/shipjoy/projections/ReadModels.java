package com.shipjoy.projections;

import java.util.List;

/** The read models: each is one processing group, rebuilt by replaying the event store into it. */
public final class ReadModels {

    public static final String INVENTORY = "inventory";
    public static final String STOCK_LEDGER = "stock-ledger";
    public static final String ORDERS = "orders";
    public static final String BACKORDERS = "backorders";
    public static final String ORDER_HISTORY = "order-history";
    public static final String TASKS = "tasks";
    public static final String SHIPMENTS = "shipments";
    public static final String LABOR = "labor";
    public static final String KPIS = "kpis";
    public static final String RETURNS = "returns";
    public static final String WAREHOUSES = "warehouses";
    /** The audit checkpoints of every {@code Stock}, which as-of and the consistency audit start from. */
    public static final String STOCK_CHECKPOINTS = "stock-checkpoints";

    public static final List<String> ALL = List.of(INVENTORY, STOCK_LEDGER, ORDERS, BACKORDERS, ORDER_HISTORY, TASKS,
            SHIPMENTS, LABOR, KPIS, RETURNS, WAREHOUSES, STOCK_CHECKPOINTS);

    private ReadModels() {
    }
}
