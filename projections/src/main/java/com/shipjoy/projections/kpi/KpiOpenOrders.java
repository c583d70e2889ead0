package com.shipjoy.projections.kpi;

import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How many orders are in each status now, in one warehouse (or in all, {@code warehouseId} null); {@code position}:
 * the last event applied to it.
 */
@Document(ReadModelCollections.CURRENT + KpiOpenOrders.COLLECTION + ReadModelCollections.END)
public record KpiOpenOrders(@Id String id, String warehouseId, Map<OrderStatus, Long> counts, long position) {

    public static final String COLLECTION = "kpi_open_orders";

    public static String id(String warehouseId) {
        return KpiScope.of(warehouseId);
    }
}
