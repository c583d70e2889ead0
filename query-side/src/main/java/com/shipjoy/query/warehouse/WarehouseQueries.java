package com.shipjoy.query.warehouse;

import com.shipjoy.platform.web.Page;
import com.shipjoy.projections.warehouse.WarehouseDocument;
import com.shipjoy.query.Paging;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the warehouses read model. Blocking: call off the event loop. */
@Component
class WarehouseQueries {

    private static final Sort BY_ID = Sort.by("_id");

    private final MongoTemplate mongo;

    WarehouseQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page<WarehouseDocument> warehouses(int page, int size) {
        return Paging.find(mongo, new Query(), BY_ID, page, size, WarehouseDocument.class);
    }

    Optional<WarehouseDocument> warehouse(String warehouseId) {
        return Optional.ofNullable(mongo.findById(warehouseId, WarehouseDocument.class));
    }
}
