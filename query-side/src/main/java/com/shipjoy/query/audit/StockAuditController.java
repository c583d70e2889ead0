package com.shipjoy.query.audit;

import static com.shipjoy.platform.axon.EventPositions.MIN_POSITION;

import com.shipjoy.platform.axon.EventPositions;
import com.shipjoy.platform.web.IdCode;
import com.shipjoy.projections.ReadModels;
import com.shipjoy.projections.audit.AuditReads;
import com.shipjoy.projections.audit.Checkpoint;
import com.shipjoy.projections.audit.StockCheckpoints;
import com.shipjoy.projections.audit.StockCheckpoints.Stock;
import com.shipjoy.projections.audit.StockLevel;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.inventory.InventoryDocument.WarehouseStock;
import com.shipjoy.query.audit.StockReplay.Bound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.springframework.lang.Nullable;

/**
 * What auditors check the read models against: stock rebuilt from each {@code Stock}'s own events, starting from the
 * audit checkpoints ({@code stock-checkpoints}), which say which {@code Stock}s a sku has.
 */
@RestController
@Tag(name = "Audit")
class StockAuditController {

    private static final String FROM_FIRST_EVENT = "Rebuild every level from its Stock's first event instead of "
            + "from the audit checkpoints: checks the checkpoints themselves, at a cost in proportion to the events.";

    /** The order of the mismatches: by sku, then warehouse. */
    private static final Comparator<Mismatch> BY_LEVEL = Comparator.comparing(Mismatch::sku)
            .thenComparing(Mismatch::warehouseId);

    /** Where the audit reads the checkpoints while its own thread reads the inventory. */
    private static final Executor AUDIT_READS = Schedulers.boundedElastic()::schedule;

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

        static Figures of(StockLevel level) {
            return level.movements() == 0 ? null
                    : new Figures(level.onHand(), level.reserved(), new LinkedHashMap<>(level.locations()));
        }

        static Figures of(WarehouseStock warehouse) {
            Map<String, Long> locations = new LinkedHashMap<>();
            warehouse.locations().forEach(location -> locations.put(location.location(), location.quantity()));
            return new Figures(warehouse.onHand(), warehouse.reserved(), locations);
        }
    }

    record Mismatch(String sku, String warehouseId, @Nullable Figures readModel, @Nullable Figures eventSourced) {
    }

    /** A sku in a warehouse, as both sides store it (not validated again: 100,000 of them per audit). */
    private record StockKey(String sku, String warehouseId) {
    }

    record Consistency(long checked, long position, List<Mismatch> mismatches) {
    }

    @GetMapping("/api/inventory/{sku}/as-of")
    @Operation(summary = "Stock of a sku as it was at an instant, rebuilt from the event store",
            description = "Each of the sku's Stocks (one per warehouse) is rebuilt from its own events stamped at or "
                    + "before 'at' (inclusive), adding up the movements, independent of every read model: from the "
                    + "newest audit checkpoint at or before 'at', then its events up to the first stamped after "
                    + "'at'. A Stock's events are stamped in the order they happened. Same shape as "
                    + "GET /api/inventory/{sku} plus eventsReplayed (movements up to 'at'); a sku with no events by "
                    + "then is all zeros with eventsReplayed 0. Waits (at most 5 s, then 503) until the checkpoints "
                    + "have seen the event store's head, so that every Stock of the sku is known.")
    @ApiResponse(responseCode = "200", description = "The stock as it was")
    @ApiResponse(responseCode = "503", description = "The audit checkpoints did not reach the event store's head "
            + "within 5 s: retry")
    Mono<AsOfLevel> asOf(@PathVariable @IdCode String sku, @RequestParam Instant at,
                         @RequestParam(required = false) @IdCode String warehouseId,
                         @Parameter(description = FROM_FIRST_EVENT) @RequestParam(defaultValue = "false")
                         boolean fromFirstEvent) {
        return Mono.fromCallable(positions::head).subscribeOn(Schedulers.boundedElastic())
                .flatMap(head -> positions.awaitProcessed(head, ReadModels.STOCK_CHECKPOINTS))
                .then(Mono.fromCallable(() -> rebuild(sku, at, warehouseId, fromFirstEvent))
                        .subscribeOn(Schedulers.boundedElastic()));
    }

    private AsOfLevel rebuild(String sku, Instant at, String warehouseId, boolean fromFirstEvent) {
        List<WarehouseStock> warehouses = new ArrayList<>();
        long replayed = 0;
        for (Stock stock : stocks(mongo.findById(sku, StockCheckpoints.class))) {
            if (warehouseId != null && !warehouseId.equals(stock.warehouseId())) {
                continue;
            }
            StockLevel level = replay.level(sku, stock.warehouseId(), stock, Bound.at(at), fromFirstEvent);
            if (level.movements() > 0) {
                warehouses.add(new WarehouseStock(stock.warehouseId(), level.onHand(), level.reserved(),
                        level.onHand() - level.reserved(), level.locationList(), null));
                replayed += level.movements();
            }
        }
        long onHand = warehouses.stream().mapToLong(WarehouseStock::onHand).sum();
        long reserved = warehouses.stream().mapToLong(WarehouseStock::reserved).sum();
        return new AsOfLevel(sku, onHand, reserved, onHand - reserved, warehouses, replayed);
    }

    @GetMapping("/api/audit/inventory-consistency")
    @Operation(summary = "Compare every inventory read-model level with the level the event store gives",
            description = "Each level of the inventory read model (a sku in a warehouse) names the sequence number "
                    + "of the Stock event it reflects; it is compared with that Stock rebuilt from its events up to "
                    + "exactly that event (from the newest audit checkpoint at or before it), so lag is never a "
                    + "mismatch and the cost is in proportion to the levels, not the events. A Stock with "
                    + "movements but no level in the read model is a mismatch (readModel null) once the read model "
                    + "has processed its first movement; a level without movements behind it is one too "
                    + "(eventSourced null). Levels stored before the read model kept sequence numbers are compared "
                    + "with their Stock's newest level. 'position': the read model's position when it was read; "
                    + "each pair of sku and warehouse seen on either side counts once in 'checked'.")
    @ApiResponse(responseCode = "200", description = "The levels compared, and those that differ")
    Mono<Consistency> consistency(@Parameter(description = MIN_POSITION) @RequestParam(required = false) @Min(0)
                                  Long minPosition,
                                  @Parameter(description = FROM_FIRST_EVENT) @RequestParam(defaultValue = "false")
                                  boolean fromFirstEvent) {
        return positions.read(minPosition, ReadModels.INVENTORY, () -> compare(fromFirstEvent));
    }

    private Consistency compare(boolean fromFirstEvent) {
        long position = positions.processed(ReadModels.INVENTORY);
        // The checkpoints are read on another thread meanwhile: each read is mostly the store's and the driver's
        // work on one thread (decoding 100,000 documents), and the two are alike in size.
        // Streamed: only the levels are kept, not every document at once as well (100,000 of each at full size);
        // read without Spring Data's mapping (AuditReads).
        CompletableFuture<Map<StockKey, Stock>> checkpointsRead = CompletableFuture.supplyAsync(() -> {
            Map<StockKey, Stock> read = new HashMap<>();
            try (Stream<StockCheckpoints> skus = AuditReads.checkpoints(mongo)) {
                skus.forEach(sku -> stocks(sku).forEach(stock ->
                        read.put(new StockKey(sku.sku(), stock.warehouseId()), stock)));
            }
            return read;
        }, AUDIT_READS);
        Map<StockKey, WarehouseStock> readModel = new HashMap<>();
        try (Stream<InventoryDocument> documents = AuditReads.inventory(mongo)) {
            documents.forEach(document -> document.warehouses().forEach(warehouse ->
                    readModel.put(new StockKey(document.sku(), warehouse.warehouseId()), warehouse)));
        }
        Map<StockKey, Stock> checkpoints = checkpointsRead.join();
        List<StockKey> levels = new ArrayList<>(readModel.keySet());
        checkpoints.keySet().stream().filter(level -> !readModel.containsKey(level)).forEach(levels::add);
        // Compared on every core (the reads are done), then put in order: hashing instead of sorted maps and a
        // parallel comparison took the single-threaded part of the audit from about a third of its time.
        List<Mismatch> mismatches = levels.parallelStream()
                .map(level -> mismatch(level, readModel.get(level), checkpoints.get(level), position, fromFirstEvent))
                .filter(Objects::nonNull).sorted(BY_LEVEL).toList();
        return new Consistency(levels.size(), position, mismatches);
    }

    /** The mismatch of one level, or null when the two sides agree (or the read model has not come to it yet). */
    private Mismatch mismatch(StockKey level, WarehouseStock read, Stock stock, long position, boolean fromFirstEvent) {
        Figures readFigures = null;
        Figures sourced;
        if (read == null) {
            if (stock.firstPosition() == null || stock.firstPosition() > position) {
                return null; // the read model has not come to this Stock yet
            }
            sourced = figures(stock.current());
        } else {
            readFigures = Figures.of(read);
            Bound bound = read.sequence() == null ? Bound.END : Bound.sequence(read.sequence());
            sourced = Figures.of(replay.level(level.sku(), level.warehouseId(), stock, bound, fromFirstEvent));
        }
        return Objects.equals(readFigures, sourced) ? null
                : new Mismatch(level.sku(), level.warehouseId(), readFigures, sourced);
    }

    private static Figures figures(Checkpoint checkpoint) {
        return Figures.of(new StockLevel(checkpoint));
    }

    private static List<Stock> stocks(StockCheckpoints checkpoints) {
        return checkpoints == null ? List.of() : checkpoints.warehouses();
    }
}
