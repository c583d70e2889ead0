package com.shipjoy.projections.order;

import com.shipjoy.events.order.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * Order search ({@code GET /api/orders} and the customer view): the orders matching a filter, newest first, a page at
 * a time, and how many match. The embedded implementation reads the order lists the orders projection keeps
 * ({@link OrderListSearch}), because mongo-java-server cannot use an index to filter or sort; a real MongoDB could
 * answer the same calls with one query and a count on the {@code orders} collection, over compound indexes ending in
 * {@code (placedAt, _id)} behind status, channel, status and channel, {@code lines.sku} and customer.
 */
public interface OrderSearch {

    /**
     * Each criterion {@code null} for any; {@code placedFrom} inclusive, {@code placedTo} exclusive, both to the
     * millisecond.
     */
    record Filter(OrderStatus status, String channel, String customerId, String sku, Instant placedFrom,
                  Instant placedTo) {
    }

    /** A page of the matching orders and how many match in all. */
    record Found(List<OrderDocument> orders, long total) {
    }

    /**
     * The matching orders {@code skip} to {@code skip + limit - 1}, newest first: placedAt (to the millisecond, as
     * stored), then orderId, both descending.
     */
    Found find(Filter filter, long skip, int limit);
}
