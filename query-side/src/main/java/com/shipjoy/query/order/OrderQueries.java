package com.shipjoy.query.order;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.order.BackorderDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderHistoryDocument;
import com.shipjoy.projections.order.OrderLists;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the order read models. Blocking: call off the event loop. */
@Component
class OrderQueries {

    private final MongoTemplate mongo;

    OrderQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record OrderFilter(String status, String channel, String customerId, String sku, Instant placedFrom,
                       Instant placedTo) {
    }

    Optional<OrderDocument> order(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, OrderDocument.class));
    }

    /**
     * Newest first (placedAt, then orderId, both descending); {@code placedFrom} inclusive, {@code placedTo}
     * exclusive. Reads order lists ({@link OrderLists}) instead of filtering the orders. Status and/or channel, or
     * a customer alone, or a sku alone, have a list of exactly those orders: its directory gives the total and
     * locates the page's bucket(s). Any other combination reads the smallest of the lists that apply (customer,
     * sku, status/channel) and filters those orders here: bounded by that list, not by all orders.
     */
    Page<OrderDocument> orders(OrderFilter filter, int page, int size) {
        Instant from = filter.placedFrom() == null ? null : filter.placedFrom().truncatedTo(ChronoUnit.MILLIS);
        Instant to = filter.placedTo() == null ? null : filter.placedTo().truncatedTo(ChronoUnit.MILLIS);
        long skip = (long) page * size;
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
            return new Page<>(byId(exact.slice(skip, size)), page, size, exact.total());
        }
        OrderListPage smallest = lists.stream().min(Comparator.comparingLong(OrderListPage::total)).orElseThrow();
        List<OrderLists.Entry> matching = matching(smallest.slice(0, Integer.MAX_VALUE), filter);
        int first = (int) Math.min(skip, matching.size());
        return new Page<>(byId(matching.subList(first, Math.min(matching.size(), first + size))), page, size,
                matching.size());
    }

    /**
     * The entries whose orders match the filter, in list order. Reads only the fields the filter needs, 100 ids per
     * query: mongo-java-server checks every document it finds against the whole {@code $in} list again, so one
     * query for thousands of ids costs their square.
     */
    private List<OrderLists.Entry> matching(List<OrderLists.Entry> entries, OrderFilter filter) {
        Set<String> matches = new HashSet<>();
        for (List<String> ids : chunks(entries)) {
            mongo.getCollection(OrderDocument.COLLECTION).find(Filters.in("_id", ids))
                    .projection(Projections.include("status", "channel", "customer.customerId", "lines.sku"))
                    .forEach(order -> {
                        if (matches(order, filter)) {
                            matches.add(order.getString("_id"));
                        }
                    });
        }
        return entries.stream().filter(entry -> matches.contains(entry.orderId())).toList();
    }

    private static boolean matches(org.bson.Document order, OrderFilter filter) {
        org.bson.Document customer = order.get("customer", org.bson.Document.class);
        return (filter.status() == null || filter.status().equals(order.getString("status")))
                && (filter.channel() == null || filter.channel().equals(order.getString("channel")))
                && (filter.customerId() == null || customer != null
                && filter.customerId().equals(customer.getString("customerId")))
                && (filter.sku() == null || order.getList("lines", org.bson.Document.class, List.of()).stream()
                .anyMatch(line -> filter.sku().equals(line.getString("sku"))));
    }

    private static List<List<String>> chunks(List<OrderLists.Entry> entries) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += 100) {
            chunks.add(entries.subList(from, Math.min(entries.size(), from + 100)).stream()
                    .map(OrderLists.Entry::orderId).toList());
        }
        return chunks;
    }

    /** The orders with these ids, in this order. */
    private List<OrderDocument> byId(List<OrderLists.Entry> entries) {
        Map<String, OrderDocument> found = new HashMap<>();
        for (List<String> ids : chunks(entries)) {
            for (OrderDocument order : mongo.find(Query.query(Criteria.where("_id").in(ids)), OrderDocument.class)) {
                found.put(order.orderId(), order);
            }
        }
        return entries.stream().map(entry -> found.get(entry.orderId())).filter(Objects::nonNull).toList();
    }

    Optional<Page<OrderHistoryDocument.Entry>> history(String orderId, int page, int size) {
        return Optional.ofNullable(mongo.findById(orderId, OrderHistoryDocument.class)).map(history -> {
            List<OrderHistoryDocument.Entry> events = history.events();
            int from = (int) Math.min((long) page * size, events.size());
            return new Page<>(events.subList(from, Math.min(from + size, events.size())), page, size, events.size());
        });
    }

    /** Oldest first: the order in which arriving stock serves them. */
    Page<BackorderDocument> backorders(String sku, int page, int size) {
        Criteria criteria = sku != null ? Criteria.where("sku").is(sku) : new Criteria();
        return page(new Query(criteria), Sort.by("placedAt", "orderId"), page, size, BackorderDocument.class);
    }

    private <T> Page<T> page(Query query, Sort sort, int page, int size, Class<T> type) {
        long total = mongo.count(query, type);
        query.with(sort).skip((long) page * size).limit(size);
        return new Page<>(mongo.find(query, type), page, size, total);
    }
}
