package com.shipjoy.query.returns;

import com.shipjoy.projections.returns.ReturnDocument;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

@Component
class ReturnQueries {

    private final MongoTemplate mongo;

    ReturnQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ReturnDocument> rma(String rmaId) {
        return Optional.ofNullable(mongo.findById(rmaId, ReturnDocument.class));
    }
}
