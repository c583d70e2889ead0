package com.shipjoy.projections.warehouse;

import com.shipjoy.events.common.Location;
import com.shipjoy.events.warehouse.LocationsAddedEvent;
import com.shipjoy.events.warehouse.WarehouseRegisteredEvent;
import com.shipjoy.events.warehouse.WorkerRegisteredEvent;
import com.shipjoy.projections.ReadModels;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Warehouses, one document per warehouseId, read and written by id. A registration creates it only if it is not
 * there yet; locations and workers are merged in as sets (a worker by its id), so an event delivered again changes
 * nothing. Events of one warehouse come in order (the default sequencing: per aggregate).
 */
@Component
@ProcessingGroup(ReadModels.WAREHOUSES)
class WarehouseProjection {

    private final MongoTemplate mongo;

    WarehouseProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(WarehouseRegisteredEvent event) {
        if (mongo.findById(event.warehouseId().value(), WarehouseDocument.class) == null) {
            mongo.save(new WarehouseDocument(event.warehouseId().value(), event.name(),
                    sorted(List.of(), event.locations()), List.of()));
        }
    }

    @EventHandler
    void on(LocationsAddedEvent event) {
        WarehouseDocument warehouse = mongo.findById(event.warehouseId().value(), WarehouseDocument.class);
        if (warehouse != null) {
            mongo.save(new WarehouseDocument(warehouse.warehouseId(), warehouse.name(),
                    sorted(warehouse.locations(), event.locations()), warehouse.workers()));
        }
    }

    @EventHandler
    void on(WorkerRegisteredEvent event) {
        WarehouseDocument warehouse = mongo.findById(event.warehouseId().value(), WarehouseDocument.class);
        if (warehouse == null) {
            return;
        }
        TreeMap<String, WarehouseDocument.Worker> workers = new TreeMap<>();
        warehouse.workers().forEach(worker -> workers.put(worker.workerId(), worker));
        workers.put(event.workerId().value(), new WarehouseDocument.Worker(event.workerId().value(), event.name()));
        mongo.save(new WarehouseDocument(warehouse.warehouseId(), warehouse.name(), warehouse.locations(),
                List.copyOf(workers.values())));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), WarehouseDocument.class);
    }

    /** {@code known} and {@code added} without repeats, by name. */
    private static List<String> sorted(List<String> known, List<Location> added) {
        TreeSet<String> names = new TreeSet<>(known);
        added.forEach(location -> names.add(location.value()));
        return List.copyOf(names);
    }
}
