package com.shipjoy.projections.fulfillment;

import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.projections.BatchWrites;
import com.shipjoy.projections.ReadModels;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Labor per confirmed task ({@link LaborDocument}: the event's time is the confirmation, {@code assignedAt} starts
 * the labor time) and per warehouse, hour and worker ({@link LaborHour}), which is what windows read. A task counts
 * once: its document is looked for before it is added to its hour, and an hour takes no event at or below its
 * position, so a batch delivered again after a crash between its writes adds nothing.
 */
@Component
@ProcessingGroup(ReadModels.LABOR)
class LaborProjection {

    private final MongoTemplate mongo;
    private final BatchWrites<Changes> batch = new BatchWrites<>(Changes::new, this::write);

    /** What a batch changed: the new tasks, the hours they fall in (as stored, then added to), new warehouses. */
    private static final class Changes {
        final Map<String, LaborDocument> tasks = new LinkedHashMap<>();
        final Map<String, Hour> hours = new LinkedHashMap<>();
        final Set<String> warehouses = new LinkedHashSet<>();
    }

    private record Hour(LaborHour stored, Map<String, LaborHour.Worker> workers, long position) {
    }

    LaborProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A data directory from before the hours (tasks, no hours) gets its hours from the tasks, once, before the
     * processor starts; positions -1, since every later event is new to them and the task check catches repeats.
     * Tasks stored before labor kept {@code confirmedAt} fall in no window, then as now.
     */
    @PostConstruct
    void addUpHoursOfEarlierTasks() {
        if (mongo.estimatedCount(LaborHour.class) > 0 || mongo.estimatedCount(LaborDocument.class) == 0) {
            return;
        }
        Changes earlier = new Changes();
        mongo.stream(new Query(), LaborDocument.class).filter(task -> task.confirmedAt() != null)
                .forEach(task -> add(earlier, task, -1));
        write(earlier);
    }

    @EventHandler
    void on(TaskConfirmedEvent event, @Timestamp Instant confirmedAt, TrackingToken token) {
        long activeMillis = event.assignedAt() == null ? 0
                : Math.max(0, Duration.between(event.assignedAt(), confirmedAt).toMillis());
        LaborDocument task = new LaborDocument(event.taskId().value(), event.warehouseId().value(),
                event.workerId().value(), event.picked(), activeMillis, event.shortPick() ? 1 : 0, confirmedAt);
        long position = token.position().orElseThrow();
        batch.change(changes -> {
            // By id: MongoTemplate.exists counts, which mongo-java-server answers by scanning every task.
            if (!changes.tasks.containsKey(task.taskId())
                    && mongo.findById(task.taskId(), LaborDocument.class) == null) {
                add(changes, task, position);
            }
        });
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), LaborDocument.class);
        mongo.remove(new Query(), LaborHour.class);
        mongo.remove(new Query(), LaborWarehouse.class);
    }

    private void add(Changes changes, LaborDocument task, long position) {
        changes.tasks.put(task.taskId(), task);
        changes.warehouses.add(task.warehouseId());
        Instant hour = task.confirmedAt().truncatedTo(ChronoUnit.HOURS);
        String id = LaborHour.id(task.warehouseId(), hour);
        Hour before = changes.hours.computeIfAbsent(id, key -> {
            LaborHour stored = mongo.findById(key, LaborHour.class);
            if (stored == null) {
                stored = new LaborHour(key, task.warehouseId(), hour, List.of(), -1);
            }
            Map<String, LaborHour.Worker> workers = new LinkedHashMap<>();
            stored.workers().forEach(worker -> workers.put(worker.workerId(), worker));
            return new Hour(stored, workers, stored.position());
        });
        if (position != -1 && position <= before.stored().position()) {
            return;
        }
        before.workers().merge(task.workerId(), new LaborHour.Worker(task.workerId(), 1, task.unitsPicked(),
                task.activeMillis(), task.shortPicks()), LaborHour.Worker::plus);
        changes.hours.put(id, new Hour(before.stored(), before.workers(), Math.max(before.position(), position)));
    }

    /** Hours first, then the tasks that mark them counted (see the class comment), then new warehouses. */
    private void write(Changes changes) {
        if (changes.tasks.isEmpty()) {
            return;
        }
        BulkOperations hours = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LaborHour.class);
        changes.hours.values().forEach(hour -> hours.replaceOne(Query.query(Criteria.where("_id")
                        .is(hour.stored().id())), new LaborHour(hour.stored().id(), hour.stored().warehouseId(),
                        hour.stored().hour(), new ArrayList<>(hour.workers().values()), hour.position()),
                FindAndReplaceOptions.options().upsert()));
        hours.execute();
        BulkOperations tasks = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, LaborDocument.class);
        changes.tasks.values().forEach(task -> tasks.replaceOne(Query.query(Criteria.where("_id").is(task.taskId())),
                task, FindAndReplaceOptions.options().upsert()));
        tasks.execute();
        changes.warehouses.forEach(warehouseId -> mongo.save(new LaborWarehouse(warehouseId)));
    }
}
