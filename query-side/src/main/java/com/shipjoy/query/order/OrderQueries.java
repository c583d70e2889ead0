package com.shipjoy.query.order;

import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.order.BackorderDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderHistoryDocument;
import java.time.Instant;
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

    OrderQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record OrderFilter(String status, String channel, String customerId, String sku, Instant placedFrom,
                       Instant placedTo) {
    }

    Optional<OrderDocument> order(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, OrderDocument.class));
    }

    /** Newest first; {@code placedFrom} inclusive, {@code placedTo} exclusive. */
    Page<OrderDocument> orders(OrderFilter filter, int page, int size) {
        Criteria criteria = new Criteria();
        if (filter.status() != null) {
            criteria.and("status").is(filter.status());
        }
        if (filter.channel() != null) {
            criteria.and("channel").is(filter.channel());
        }
        if (filter.customerId() != null) {
            criteria.and("customer.customerId").is(filter.customerId());
        }
        if (filter.sku() != null) {
            criteria.and("lines.sku").is(filter.sku());
        }
        if (filter.placedFrom() != null || filter.placedTo() != null) {
            Criteria placed = criteria.and("placedAt");
            if (filter.placedFrom() != null) {
                placed = placed.gte(filter.placedFrom());
            }
            if (filter.placedTo() != null) {
                placed.lt(filter.placedTo());
            }
        }
        return page(new Query(criteria), Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")), page, size,
                OrderDocument.class);
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
