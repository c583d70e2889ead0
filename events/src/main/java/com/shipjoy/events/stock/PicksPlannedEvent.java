package com.shipjoy.events.stock;

import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.ShipmentId;
import java.util.List;

/** Units in these bins are held for the order's pick tasks: moves cannot take them, other plans skip them. */
public record PicksPlannedEvent(StockId stockId, OrderId orderId, ShipmentId shipmentId, List<PickLocation> picks)
        implements OrderStockEvent {

    public PicksPlannedEvent {
        picks = List.copyOf(picks);
    }
}
