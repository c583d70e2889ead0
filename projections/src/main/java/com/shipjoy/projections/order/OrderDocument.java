package com.shipjoy.projections.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.events.returns.ReturnStatus;
import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.lang.Nullable;

/**
 * An order as customer service sees it, one document per order. {@code status} is never set by an
 * event: {@link #derivedStatus()} computes it from the rest of the document at every write.
 */
@Document(ReadModelCollections.CURRENT + OrderDocument.COLLECTION + ReadModelCollections.END)
public record OrderDocument(@Id String orderId, String channel, String externalOrderId, Customer customer,
                            ShipTo shipTo, boolean shipPartial, OrderStatus status, List<Line> lines,
                            List<Shipment> shipments, List<Return> returns, Instant placedAt, Instant updatedAt,
                            @Nullable Instant deliveredAt, @Nullable Instant cancelledAt,
                            @JsonIgnore List<Pick> picks) {

    public static final String COLLECTION = "orders";

    public OrderDocument {
        // Documents stored before fulfillment existed have none of these.
        shipments = shipments == null ? List.of() : shipments;
        returns = returns == null ? List.of() : returns;
        picks = picks == null ? List.of() : picks;
    }

    public record Customer(String customerId, String name, String email) {
    }

    public record ShipTo(String name, String line1, String city, String postalCode, String country) {
    }

    public record Line(String sku, long quantity, String unitPrice, String currency, long allocated,
                       long backordered, long picked, long shipped, long returned) {

        Line allocation(long allocatedAfter, long backorderedAfter) {
            return new Line(sku, quantity, unitPrice, currency, allocatedAfter, backorderedAfter, picked, shipped,
                    returned);
        }

        /** {@code after}: the figures per sku after an event; a sku it does not name keeps its figure. */
        Line fulfillment(Map<String, Long> pickedAfter, Map<String, Long> shippedAfter,
                         Map<String, Long> returnedAfter) {
            return new Line(sku, quantity, unitPrice, currency, allocated, backordered,
                    pickedAfter.getOrDefault(sku, picked), shippedAfter.getOrDefault(sku, shipped),
                    returnedAfter.getOrDefault(sku, returned));
        }
    }

    public record Shipment(String shipmentId, String warehouseId, ShipmentStatus status, @Nullable String carrier,
                           @Nullable String trackingNumber) {
    }

    public record Return(String rmaId, ReturnStatus status, String resolution, @Nullable String exchangeOrderId) {
    }

    /** Units a confirmed task picked: kept per task, so a confirmation delivered twice counts once. */
    public record Pick(String taskId, String sku, long quantity) {
    }

    OrderDocument withLines(UnaryOperator<Line> change) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status,
                lines.stream().map(change).toList(), shipments, returns, placedAt, updatedAt, deliveredAt,
                cancelledAt, picks);
    }

    OrderDocument withShipments(List<Shipment> newShipments) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status, lines,
                newShipments, returns, placedAt, updatedAt, deliveredAt, cancelledAt, picks);
    }

    OrderDocument withReturns(List<Return> newReturns) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status, lines,
                shipments, newReturns, placedAt, updatedAt, deliveredAt, cancelledAt, picks);
    }

    OrderDocument withPick(Pick pick) {
        List<Pick> newPicks = new ArrayList<>(picks);
        newPicks.removeIf(existing -> existing.taskId().equals(pick.taskId()));
        newPicks.add(pick);
        Map<String, Long> pickedAfter = new HashMap<>();
        newPicks.forEach(each -> pickedAfter.merge(each.sku(), each.quantity(), Long::sum));
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status, lines,
                shipments, returns, placedAt, updatedAt, deliveredAt, cancelledAt, List.copyOf(newPicks))
                .withLines(line -> line.fulfillment(pickedAfter, Map.of(), Map.of()));
    }

    OrderDocument delivered(Instant at) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status, lines,
                shipments, returns, placedAt, updatedAt, at, cancelledAt, picks);
    }

    OrderDocument cancelled(Instant at) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, status, lines,
                shipments, returns, placedAt, updatedAt, deliveredAt, cancelledAt != null ? cancelledAt : at, picks);
    }

    /** This document as it is stored: the status derived from it, stamped {@code at}. */
    OrderDocument stored(Instant at) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial, derivedStatus(),
                lines, shipments, returns, placedAt, at, deliveredAt, cancelledAt, picks);
    }

    /** The order's status, decided by {@link OrderStatus#of} from this document's figures. */
    OrderStatus derivedStatus() {
        // A status of CANCELLED itself: documents stored before cancelledAt existed.
        return OrderStatus.of(cancelledAt != null || status == OrderStatus.CANCELLED, deliveredAt != null,
                lines.stream().map(line -> new OrderStatus.Line(line.quantity(), line.allocated(),
                        line.backordered(), line.shipped(), line.returned())).toList(),
                shipments.stream().map(Shipment::status).toList());
    }
}
