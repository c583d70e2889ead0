package com.shipjoy.projections;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Is the read-model database answering? A ping, which MongoDB and mongo-java-server both understand. */
@Component("readModels")
class ReadModelStoreHealth extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    ReadModelStoreHealth(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        mongo.getDb().runCommand(new Document("ping", 1));
        health.up();
    }
}
