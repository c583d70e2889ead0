package com.shipjoy.projections.kpi;

import com.shipjoy.projections.ReadModelFeed;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.stream.ChangeFeed;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The KPI read model for tools that fill it without an event store: its real projection behind a feed. */
public final class KpiReadModel {

    private KpiReadModel() {
    }

    /** {@code slaHours}: what the KPI projection's {@code shipjoy.sla.ship-hours} would be in the service. */
    public static ReadModelFeed feed(MongoTemplate mongo, long slaHours) {
        return new ReadModelFeed(ReadModels.KPIS, new KpiProjection(mongo, ChangeFeed.inMongo(mongo), slaHours));
    }
}
