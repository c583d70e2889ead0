package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.projections.BatchDocuments;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Shipments. Statuses only move forward and tasks are added by id, so an event applied twice changes nothing. A
 * batch's shipments are read in one query and written once each when it ends.
 */
@Component
@ProcessingGroup(ReadModels.SHIPMENTS)
class ShipmentProjection {

    private final MongoTemplate mongo;
    private final BatchWrites<BatchDocuments<ShipmentDocument>> batch;

    ShipmentProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.batch = BatchDocuments.of(mongo, ShipmentDocument.class, ShipmentDocument::shipmentId,
                events -> BatchWrites.ids(events, FulfillmentEvent.class, event -> event.shipmentId().value()));
    }

    @EventHandler
    void on(FulfillmentEvent event) {
        batch.change(shipments -> shipments.put(apply(event, shipments.get(event.shipmentId().value()))));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ShipmentDocument.class);
    }

    /** The shipment after {@code event}; {@code current} null: not there yet. */
    private static ShipmentDocument apply(FulfillmentEvent event, ShipmentDocument current) {
        String id = event.shipmentId().value();
        if (current == null) {
            current = new ShipmentDocument(id, event.orderId().value(), event.warehouseId().value(), null, null, null,
                    List.of(), List.of());
        }
        ShipmentStatus status = ShipmentStatus.advance(current.status(), ShipmentStatus.after(event));
        List<ShipmentDocument.Task> tasks = current.tasks();
        List<ShipmentDocument.Carton> cartons = current.cartons();
        String carrier = current.carrier();
        String trackingNumber = current.trackingNumber();
        if (event instanceof ShipmentReleasedEvent released) {
            tasks = withTasks(tasks, released.tasks());
        } else if (event instanceof PickTasksAddedEvent added) {
            tasks = withTasks(tasks, added.tasks());
        } else if (event instanceof ShipmentPackedEvent packed) {
            cartons = packed.cartons().stream().map(carton -> new ShipmentDocument.Carton(carton.cartonId(),
                    carton.weightGrams(), carton.lines().stream().map(line -> new ShipmentDocument.CartonLine(
                            line.sku().value(), line.quantity().value())).toList())).toList();
        } else if (event instanceof ShipmentShippedEvent shipped) {
            carrier = shipped.carrier();
            trackingNumber = shipped.trackingNumber();
        }
        return new ShipmentDocument(id, current.orderId(), current.warehouseId(), status, carrier, trackingNumber, tasks,
                cartons);
    }

    private static List<ShipmentDocument.Task> withTasks(List<ShipmentDocument.Task> tasks, List<PickTask> more) {
        List<ShipmentDocument.Task> all = new ArrayList<>(tasks);
        for (PickTask task : more) {
            if (all.stream().noneMatch(existing -> existing.taskId().equals(task.taskId().value()))) {
                all.add(new ShipmentDocument.Task(task.taskId().value(), task.sku().value(), task.location().value(),
                        task.quantity()));
            }
        }
        return List.copyOf(all);
    }
}
