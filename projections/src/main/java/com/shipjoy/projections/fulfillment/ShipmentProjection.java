package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.FulfillmentEvent;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.ShipmentStatus;
import com.shipjoy.projections.ReadModels;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Shipments. Statuses only move forward and tasks are added by id, so an event applied twice changes nothing. */
@Component
@ProcessingGroup(ReadModels.SHIPMENTS)
class ShipmentProjection {

    private final MongoTemplate mongo;

    ShipmentProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(FulfillmentEvent event) {
        String id = event.shipmentId().value();
        ShipmentDocument current = mongo.findById(id, ShipmentDocument.class);
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
        mongo.save(new ShipmentDocument(id, current.orderId(), current.warehouseId(), status, carrier, trackingNumber,
                tasks, cartons));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), ShipmentDocument.class);
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
