package com.shipjoy.projections.order;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.shipjoy.projections.order.OrderLists.Entry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Order search over the order lists ({@link OrderLists}) instead of filtering the orders. Status and/or channel, or
 * a customer alone, or a sku alone, have a list of exactly those orders: its directory gives the total and locates
 * the page's bucket(s). Any other combination reads the smallest of the lists that apply (customer, sku,
 * status/channel) and filters those orders here: bounded by that list, not by all orders.
 */
@Component
class OrderListSearch implements OrderSearch {

    private final MongoTemplate mongo;

    OrderListSearch(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Found find(Filter filter, long skip, int limit) {
        Instant from = filter.placedFrom() == null ? null : filter.placedFrom().truncatedTo(ChronoUnit.MILLIS);
        Instant to = filter.placedTo() == null ? null : filter.placedTo().truncatedTo(ChronoUnit.MILLIS);
        List<OrderListPage> lists = new ArrayList<>();
        if (filter.customerId() != null) {
            lists.add(new OrderListPage(mongo, OrderLists.customerKey(filter.customerId()), from, to));
        }
        if (filter.sku() != null) {
            lists.add(new OrderListPage(mongo, OrderLists.key(null, null, filter.sku()), from, to));
        }
        boolean statusOrChannel = filter.status() != null || filter.channel() != null;
        if (statusOrChannel || lists.isEmpty()) {
            lists.add(new OrderListPage(mongo, OrderLists.key(filter.status(), filter.channel(), null), from, to));
        }
        if (lists.size() == 1) {
            OrderListPage exact = lists.get(0);
            return new Found(byId(exact.slice(skip, limit)), exact.total());
        }
        OrderListPage smallest = lists.stream().min(Comparator.comparingLong(OrderListPage::total)).orElseThrow();
        List<Entry> matching = matching(smallest.slice(0, Integer.MAX_VALUE), filter);
        int first = (int) Math.min(skip, matching.size());
        return new Found(byId(matching.subList(first, Math.min(matching.size(), first + limit))), matching.size());
    }

    /**
     * The entries whose orders match the filter, in list order. Reads only the fields the filter needs, 100 ids per
     * query: mongo-java-server checks every document it finds against the whole {@code $in} list again, so one
     * query for thousands of ids costs their square.
     */
    private List<Entry> matching(List<Entry> entries, Filter filter) {
        Set<String> matches = new HashSet<>();
        for (List<String> ids : chunks(entries)) {
            mongo.getCollection(mongo.getCollectionName(OrderDocument.class)).find(Filters.in("_id", ids))
                    .projection(Projections.include("status", "channel", "customer.customerId", "lines.sku"))
                    .forEach(order -> {
                        if (matches(order, filter)) {
                            matches.add(order.getString("_id"));
                        }
                    });
        }
        return entries.stream().filter(entry -> matches.contains(entry.orderId())).toList();
    }

    private static boolean matches(org.bson.Document order, Filter filter) {
        org.bson.Document customer = order.get("customer", org.bson.Document.class);
        return (filter.status() == null || filter.status().name().equals(order.getString("status")))
                && (filter.channel() == null || filter.channel().equals(order.getString("channel")))
                && (filter.customerId() == null || customer != null
                && filter.customerId().equals(customer.getString("customerId")))
                && (filter.sku() == null || order.getList("lines", org.bson.Document.class, List.of()).stream()
                .anyMatch(line -> filter.sku().equals(line.getString("sku"))));
    }

    private static List<List<String>> chunks(List<Entry> entries) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += 100) {
            chunks.add(entries.subList(from, Math.min(entries.size(), from + 100)).stream()
                    .map(Entry::orderId).toList());
        }
        return chunks;
    }

    /** The orders with these ids, in this order. */
    private List<OrderDocument> byId(List<Entry> entries) {
        Map<String, OrderDocument> found = new HashMap<>();
        for (List<String> ids : chunks(entries)) {
            for (OrderDocument order : mongo.find(Query.query(Criteria.where("_id").in(ids)), OrderDocument.class)) {
                found.put(order.orderId(), order);
            }
        }
        return entries.stream().map(entry -> found.get(entry.orderId())).filter(Objects::nonNull).toList();
    }
}
