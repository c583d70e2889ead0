package com.shipjoy.projections.kpi;

import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the KPIs need to remember of one order: when it was placed and its placement figures, the warehouses it
 * counts in, what spoils it as a perfect order, when it was fully shipped and whether it was counted perfect, and
 * what decides its current status. {@code position}: the last event applied to it.
 */
@Document(ReadModelCollections.CURRENT + KpiOrder.COLLECTION + ReadModelCollections.END)
public class KpiOrder {

    public static final String COLLECTION = "kpi_orders";

    @Id
    String orderId;
    long position;
    /** The position as stored before this batch: an event at or before it was applied already. */
    @Transient
    long storedPosition;
    Instant placedAt;
    long unitsOrdered;
    /** Set by the first allocation decision after placement (OrderAllocated or OrderBackordered). */
    boolean decided;
    long allocatedAtPlacement;
    boolean backorderedAtPlacement;
    /** Every warehouse any unit was allocated to, in order: an order counts in each. */
    List<String> warehouses = new ArrayList<>();
    boolean shortPick;
    boolean damagedReturn;
    Instant shippedAt;
    boolean perfect;
    boolean cancelled;
    boolean delivered;
    List<Line> lines = new ArrayList<>();
    List<Shipment> shipments = new ArrayList<>();
    /** The status counted in {@link KpiOpenOrders} for the order's warehouses and overall. */
    OrderStatus status;

    record Line(String sku, long quantity, long allocated, long backordered, long shipped, long returned) {

        Line allocation(long allocatedAfter, long backorderedAfter) {
            return new Line(sku, quantity, allocatedAfter, backorderedAfter, shipped, returned);
        }

        Line fulfillment(Map<String, Long> shippedAfter, Map<String, Long> returnedAfter) {
            return new Line(sku, quantity, allocated, backordered, shippedAfter.getOrDefault(sku, shipped),
                    returnedAfter.getOrDefault(sku, returned));
        }
    }

    record Shipment(String shipmentId, String warehouseId, ShipmentStatus status) {
    }

    void lines(UnaryOperator<Line> change) {
        lines = new ArrayList<>(lines.stream().map(change).toList());
    }

    /** Moves shipment {@code shipmentId} to {@code next} (statuses only move forward), adding it if new. */
    void shipment(String shipmentId, String warehouseId, ShipmentStatus next) {
        for (int i = 0; i < shipments.size(); i++) {
            Shipment shipment = shipments.get(i);
            if (shipment.shipmentId().equals(shipmentId)) {
                shipments.set(i, new Shipment(shipmentId, shipment.warehouseId(),
                        ShipmentStatus.advance(shipment.status(), next)));
                return;
            }
        }
        shipments.add(new Shipment(shipmentId, warehouseId, ShipmentStatus.advance(null, next)));
    }

    /** The same function as the order read model's: see {@link OrderStatus#of}. */
    OrderStatus derivedStatus() {
        return OrderStatus.of(cancelled, delivered, lines.stream().map(line -> new OrderStatus.Line(line.quantity(),
                        line.allocated(), line.backordered(), line.shipped(), line.returned())).toList(),
                shipments.stream().map(Shipment::status).toList());
    }

    /** In one shipment per warehouse: no warehouse shipped the order in two. */
    boolean oneShipmentPerWarehouse() {
        Map<String, Integer> shipped = new HashMap<>();
        shipments.stream().filter(shipment -> shipment.status() == ShipmentStatus.SHIPPED)
                .forEach(shipment -> shipped.merge(shipment.warehouseId(), 1, Integer::sum));
        return shipped.values().stream().allMatch(count -> count == 1);
    }
}
