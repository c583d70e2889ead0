package com.shipjoy.query.order;

import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.order.BackorderDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderHistoryDocument;
import com.shipjoy.projections.order.OrderSearch;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the order read models. Blocking: call off the event loop. */
@Component
class OrderQueries {

    private final MongoTemplate mongo;
    private final OrderSearch search;

    OrderQueries(MongoTemplate mongo, OrderSearch search) {
        this.mongo = mongo;
        this.search = search;
    }

    Optional<OrderDocument> order(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, OrderDocument.class));
    }

    Page<OrderDocument> orders(OrderSearch.Filter filter, int page, int size) {
        OrderSearch.Found found = search.find(filter, (long) page * size, size);
        return new Page<>(found.orders(), page, size, found.total());
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
