package com.shipjoy.projections.stream;

import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.order.OrderDocument;

/**
 * A read model that live streams follow: its documents, one per key, are what a stream's events carry, or (KPIS) a
 * document computed from it. A new stream is a new constant here plus a projection that publishes its changes to
 * the {@link ChangeFeed}.
 */
public enum View {

    /** Order summaries by orderId; scope: the order's channel. */
    ORDERS("order", ReadModels.ORDERS, OrderDocument.class),
    /** Stock levels by sku; scope: the warehouses a change touched. */
    INVENTORY("inventory", ReadModels.INVENTORY, InventoryDocument.class),
    /**
     * The KPI document, computed by the query side: a change names no document, only the scopes (warehouse ids and
     * '*' for all) whose figures changed.
     */
    KPIS("kpis", ReadModels.KPIS, null);

    private final String event;
    private final String readModel;
    private final Class<?> document;

    View(String event, String readModel, Class<?> document) {
        this.event = event;
        this.readModel = readModel;
        this.document = document;
    }

    /** The SSE event name of a change. */
    public String event() {
        return event;
    }

    /** The processing group that writes the view, and whose position a snapshot reflects. */
    public String readModel() {
        return readModel;
    }

    /** The read-model document a key names, as a snapshot reads it (null for a computed document). */
    public Class<?> document() {
        return document;
    }
}
