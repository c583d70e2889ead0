package com.shipjoy.projections.order;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An order as customer service sees it (contract §5), one document per order. */
@Document(OrderDocument.COLLECTION)
public record OrderDocument(@Id String orderId, String channel, String externalOrderId, Customer customer,
                            ShipTo shipTo, boolean shipPartial, String status, List<Line> lines,
                            List<Shipment> shipments, List<Return> returns, Instant placedAt, Instant updatedAt) {

    public static final String COLLECTION = "orders";

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
    }

    public record Shipment(String shipmentId, String warehouseId, String status, String carrier,
                           String trackingNumber) {
    }

    public record Return(String rmaId, String status, String resolution, String exchangeOrderId) {
    }

    OrderDocument with(String newStatus, UnaryOperator<Line> change, Instant at) {
        return new OrderDocument(orderId, channel, externalOrderId, customer, shipTo, shipPartial,
                newStatus != null ? newStatus : status, lines.stream().map(change).toList(), shipments, returns,
                placedAt, at);
    }
}
