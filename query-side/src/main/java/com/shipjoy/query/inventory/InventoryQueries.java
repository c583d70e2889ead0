package com.shipjoy.query.inventory;

import com.shipjoy.platform.web.Page;
import com.shipjoy.query.Paging;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import com.shipjoy.projections.ledger.MovementDocument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the inventory and stock-ledger read models. Blocking: call off the event loop. */
@Component
class InventoryQueries {

    private final MongoTemplate mongo;

    InventoryQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<InventoryDocument> level(String sku) {
        return Optional.ofNullable(mongo.findById(sku, InventoryDocument.class));
    }

    /**
     * Levels of every sku, by sku. With {@code warehouseId}, each level is that warehouse's alone; with
     * {@code maxAvailable}, only levels whose available quantity is at most that (the low-stock view).
     */
    Page<InventoryDocument> levels(String warehouseId, Long maxAvailable, int page, int size) {
        Criteria criteria = new Criteria();
        if (warehouseId != null) {
            Criteria inWarehouse = Criteria.where("warehouseId").is(warehouseId);
            if (maxAvailable != null) {
                inWarehouse = inWarehouse.and("available").lte(maxAvailable);
            }
            criteria = Criteria.where("warehouses").elemMatch(inWarehouse);
        } else if (maxAvailable != null) {
            criteria = Criteria.where("available").lte(maxAvailable);
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, InventoryDocument.class);
        if (Paging.beyondSkip(page, size)) {
            return new Page<>(List.of(), page, size, total);
        }
        query.with(Sort.by("_id")).skip((long) page * size).limit(size);
        List<InventoryDocument> levels = mongo.find(query, InventoryDocument.class);
        if (warehouseId != null) {
            levels = levels.stream().map(level -> inWarehouse(level, warehouseId)).toList();
        }
        return new Page<>(levels, page, size, total);
    }

    private static InventoryDocument inWarehouse(InventoryDocument level, String warehouseId) {
        List<WarehouseStock> only = level.warehouses().stream()
                .filter(warehouse -> warehouse.warehouseId().equals(warehouseId)).toList();
        WarehouseStock stock = only.get(0);
        return new InventoryDocument(level.sku(), stock.onHand(), stock.reserved(), stock.available(), only);
    }

    boolean hasMovements(String sku) {
        return mongo.exists(new Query(Criteria.where("sku").is(sku)), MovementDocument.class);
    }

    /** The ledger of a sku, oldest first; a negative size means every entry (CSV export). */
    Page<MovementDocument> movements(String sku, String warehouseId, Instant from, Instant to, int page, int size) {
        Criteria criteria = Criteria.where("sku").is(sku);
        if (warehouseId != null) {
            criteria = criteria.and("warehouseId").is(warehouseId);
        }
        if (from != null || to != null) {
            Criteria time = criteria.and("timestamp");
            if (from != null) {
                time = time.gte(from);
            }
            if (to != null) {
                time.lt(to);
            }
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, MovementDocument.class);
        query.with(Sort.by("_id"));
        if (size > 0 && Paging.beyondSkip(page, size)) {
            return new Page<>(List.of(), page, size, total);
        }
        if (size > 0) {
            query.skip((long) page * size).limit(size);
        }
        return new Page<>(mongo.find(query, MovementDocument.class), page, size, total);
    }
}
