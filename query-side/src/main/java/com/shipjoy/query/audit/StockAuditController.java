package com.shipjoy.query.audit;

import com.shipjoy.events.stock.StockId;
import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.LocationStock;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import com.shipjoy.query.audit.StockReplay.Level;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What auditors check the read models against: stock rebuilt from the event store alone. */
@RestController
@Tag(name = "Audit")
class StockAuditController {

    private static final int CONSISTENT_READ_ATTEMPTS = 50;

    private final StockReplay replay;
    private final EventPositions positions;
    private final MongoTemplate mongo;

    StockAuditController(StockReplay replay, EventPositions positions, MongoTemplate mongo) {
        this.replay = replay;
        this.positions = positions;
        this.mongo = mongo;
    }

    record AsOfLevel(String sku, long onHand, long reserved, long available, List<WarehouseStock> warehouses,
                     long eventsReplayed) {
    }

    record Figures(long onHand, long reserved, Map<String, Long> locations) {
    }

    record Mismatch(String sku, String warehouseId, Figures readModel, Figures eventSourced) {
    }

    record Consistency(long checked, long position, List<Mismatch> mismatches) {
    }

    @GetMapping("/api/inventory/{sku}/as-of")
    @Operation(summary = "Stock of a sku as it was at an instant, rebuilt from the event store",
            description = "Replays every stock event stamped at or before 'at' (inclusive), independent of every read "
                    + "model. Same shape as GET /api/inventory/{sku} plus eventsReplayed; a sku with no events by "
                    + "then is all zeros with eventsReplayed 0.")
    Mono<AsOfLevel> asOf(@PathVariable @IdCode String sku, @RequestParam Instant at,
                         @RequestParam(required = false) @IdCode String warehouseId) {
        return Mono.fromCallable(() -> {
            StockReplay.Result result = replay.replay(positions.head(), at, stock -> stock.sku().value().equals(sku)
                    && (warehouseId == null || stock.warehouseId().value().equals(warehouseId)));
            List<WarehouseStock> warehouses = new ArrayList<>();
            result.levels().forEach((stock, level) -> warehouses.add(new WarehouseStock(stock.warehouseId().value(),
                    level.onHand(), level.reserved, level.onHand() - level.reserved, level.locations.entrySet()
                    .stream().map(entry -> new LocationStock(entry.getKey(), entry.getValue())).toList())));
            long onHand = warehouses.stream().mapToLong(WarehouseStock::onHand).sum();
            long reserved = warehouses.stream().mapToLong(WarehouseStock::reserved).sum();
            return new AsOfLevel(sku, onHand, reserved, onHand - reserved, warehouses, result.eventsReplayed());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/audit/inventory-consistency")
    @Operation(summary = "Compare every inventory read-model level with the level the event store gives",
            description = "The read model is read at a position where it was not moving, and the event store is "
                    + "replayed up to exactly that position (returned as 'position'), so lag is never reported as a "
                    + "mismatch. Each sku-warehouse pair seen on either side counts once in 'checked'.")
    Mono<Consistency> consistency(@RequestParam(required = false) @Min(0) Long minPosition) {
        return positions.awaitProcessed(minPosition, ReadModels.INVENTORY)
                .then(Mono.fromCallable(this::compare).subscribeOn(Schedulers.boundedElastic()));
    }

    private Consistency compare() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long before = positions.processed(ReadModels.INVENTORY);
            List<InventoryDocument> documents = mongo.findAll(InventoryDocument.class);
            long after = positions.processed(ReadModels.INVENTORY);
            if (before == after || attempt == CONSISTENT_READ_ATTEMPTS) {
                return compare(documents, replay.replay(after, null, stock -> true).levels(), after);
            }
            Thread.sleep(50);
        }
    }

    private static Consistency compare(List<InventoryDocument> documents, Map<StockId, Level> replayed,
                                       long position) {
        Map<String, Figures> readModel = new TreeMap<>();
        for (InventoryDocument document : documents) {
            for (WarehouseStock warehouse : document.warehouses()) {
                Map<String, Long> locations = new LinkedHashMap<>();
                warehouse.locations().forEach(location -> locations.put(location.location(), location.quantity()));
                readModel.put(key(document.sku(), warehouse.warehouseId()),
                        new Figures(warehouse.onHand(), warehouse.reserved(), locations));
            }
        }
        Map<String, Figures> eventSourced = new TreeMap<>();
        replayed.forEach((stock, level) -> eventSourced.put(key(stock.sku().value(), stock.warehouseId().value()),
                new Figures(level.onHand(), level.reserved, new LinkedHashMap<>(level.locations))));
        Set<String> keys = new TreeSet<>(readModel.keySet());
        keys.addAll(eventSourced.keySet());
        List<Mismatch> mismatches = new ArrayList<>();
        for (String key : keys) {
            Figures read = readModel.get(key);
            Figures sourced = eventSourced.get(key);
            if (!Objects.equals(read, sourced)) {
                String[] parts = key.split("\u0000");
                mismatches.add(new Mismatch(parts[0], parts[1], read, sourced));
            }
        }
        return new Consistency(keys.size(), position, mismatches);
    }

    private static String key(String sku, String warehouseId) {
        return sku + "\u0000" + warehouseId;
    }
}
