package com.shipjoy.query.kpi;

import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.kpi.KpiBucket;
import com.shipjoy.projections.kpi.KpiOpenOrders;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the KPI read model. Blocking: call off the event loop. */
@Component
public class KpiQueries {

    private final MongoTemplate mongo;

    KpiQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** {@code warehouseId}: null for overall. One read of the window's hourly buckets by id (at most 745). */
    public Kpis kpis(String warehouseId, KpiWindow window) {
        List<String> ids = window.hours().stream().map(hour -> KpiBucket.id(warehouseId, hour)).toList();
        Map<Instant, KpiBucket> buckets = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(ids)), KpiBucket.class)
                .forEach(bucket -> buckets.put(bucket.hour(), bucket));
        KpiOpenOrders open = mongo.findById(KpiOpenOrders.id(warehouseId), KpiOpenOrders.class);
        Map<OrderStatus, Long> statuses = open != null ? open.counts() : Map.of();
        return KpiFigures.of(warehouseId, window, buckets, statuses);
    }
}
