package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.projections.ReadModels;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Labor per confirmed task: the event's time is the confirmation, {@code assignedAt} starts the labor time. */
@Component
@ProcessingGroup(ReadModels.LABOR)
class LaborProjection {

    private final MongoTemplate mongo;

    LaborProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(TaskConfirmedEvent event, @Timestamp Instant confirmedAt) {
        long activeMillis = event.assignedAt() == null ? 0
                : Math.max(0, Duration.between(event.assignedAt(), confirmedAt).toMillis());
        mongo.save(new LaborDocument(event.taskId().value(), event.warehouseId().value(), event.workerId().value(),
                event.picked(), activeMillis, event.shortPick() ? 1 : 0, confirmedAt));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), LaborDocument.class);
    }
}
