package com.shipjoy.command;

import java.util.List;

/**
 * The set-based lookups: small tables in the event store's database that commands check (which bins exist, which
 * channel order ids and rmaIds are taken, each stock's levels, the open pick tasks). Each is kept by a subscribing
 * processor, so its rows commit or roll back in the transaction of the command whose events they mirror; a failure to
 * update one (a second intake of an order) fails that command. Registered as such in one place
 * ({@code CommandSideConfig}) from this list.
 */
public final class Lookups {

    public static final String WAREHOUSE_CATALOG = "warehouse-catalog";
    public static final String ORDER_INTAKE = "order-intake";
    public static final String STOCK_LEVELS = "stock-levels";
    public static final String RETURN_IDS = "return-ids";
    public static final String OPEN_TASKS = "open-tasks";

    public static final List<String> ALL = List.of(WAREHOUSE_CATALOG, ORDER_INTAKE, STOCK_LEVELS, RETURN_IDS,
            OPEN_TASKS);

    private Lookups() {
    }
}
