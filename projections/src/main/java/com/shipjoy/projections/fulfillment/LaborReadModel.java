package com.shipjoy.projections.fulfillment;

import com.shipjoy.projections.ReadModelFeed;
import com.shipjoy.projections.ReadModels;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The labor read model for tools that fill it without an event store: its real projection behind a feed. */
public final class LaborReadModel {

    private LaborReadModel() {
    }

    public static ReadModelFeed feed(MongoTemplate mongo) {
        return new ReadModelFeed(ReadModels.LABOR, new LaborProjection(mongo));
    }
}
