package com.shipjoy.events.stock;

import java.util.List;

/** Units in these bins are held for the order's pick tasks: moves cannot take them, other plans skip them. */
public record PicksPlannedEvent(StockId stockId, String orderId, String shipmentId, List<PickLocation> picks)
        implements OrderStockEvent {

    public PicksPlannedEvent {
        picks = List.copyOf(picks);
    }
}
