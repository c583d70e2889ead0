package com.shipjoy.projections;

import com.shipjoy.projections.audit.EarlierCheckpoint;
import com.shipjoy.projections.audit.StockCheckpoints;
import com.shipjoy.projections.fulfillment.LaborDocument;
import com.shipjoy.projections.fulfillment.LaborHour;
import com.shipjoy.projections.fulfillment.LaborWarehouse;
import com.shipjoy.projections.fulfillment.ShipmentDocument;
import com.shipjoy.projections.fulfillment.TaskDocument;
import com.shipjoy.projections.inventory.InventoryDocument;
import com.shipjoy.projections.kpi.KpiBucket;
import com.shipjoy.projections.kpi.KpiOpenOrders;
import com.shipjoy.projections.kpi.KpiOrder;
import com.shipjoy.projections.ledger.MovementDocument;
import com.shipjoy.projections.order.BackorderDocument;
import com.shipjoy.projections.order.OrderDocument;
import com.shipjoy.projections.order.OrderHistoryDocument;
import com.shipjoy.projections.order.OrderLists;
import com.shipjoy.projections.returns.ReturnDocument;
import com.shipjoy.projections.warehouse.WarehouseDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which MongoDB collection a read model's collection name means at this moment. Every read model has a
 * <i>generation</i>: its collections are named {@code <base>} in generation 0 (the names data directories have always
 * had) and {@code <base>_g<N>} in generation N. A replay builds generation N + 1 beside the current one (see
 * {@link ReadModelReplays}): threads of its shadow processor are bound to the new generation, every other thread
 * (queries, the live processor) uses the current one, which changes at once when the replay switches.
 * <p>
 * Documents name their collection through {@link #CURRENT}: Spring Data evaluates a {@code #{...}} collection of
 * {@code @Document} at every operation, so the same class reads and writes whichever generation applies. A static
 * type reference rather than a bean, so that a {@code MongoTemplate} built without Spring (the benchmark's seeding)
 * resolves it too (to generation 0 there). Code that names a collection itself goes through {@link #name}.
 */
public final class ReadModelCollections {

    /** {@code @Document(CURRENT + COLLECTION + END)}: the collection of base name COLLECTION right now. */
    public static final String CURRENT = "#{T(com.shipjoy.projections.ReadModelCollections).name('";
    public static final String END = "')}";

    /** Each read model's collections by their base names. */
    private static final Map<String, List<String>> BASES = Map.ofEntries(
            Map.entry(ReadModels.INVENTORY, List.of(InventoryDocument.COLLECTION)),
            Map.entry(ReadModels.STOCK_LEDGER, List.of(MovementDocument.COLLECTION)),
            Map.entry(ReadModels.ORDERS, List.of(OrderDocument.COLLECTION, OrderLists.DIRECTORIES, OrderLists.BUCKETS)),
            Map.entry(ReadModels.BACKORDERS, List.of(BackorderDocument.COLLECTION)),
            Map.entry(ReadModels.ORDER_HISTORY, List.of(OrderHistoryDocument.COLLECTION)),
            Map.entry(ReadModels.TASKS, List.of(TaskDocument.COLLECTION)),
            Map.entry(ReadModels.SHIPMENTS, List.of(ShipmentDocument.COLLECTION)),
            Map.entry(ReadModels.LABOR,
                    List.of(LaborDocument.COLLECTION, LaborHour.COLLECTION, LaborWarehouse.COLLECTION)),
            Map.entry(ReadModels.KPIS, List.of(KpiBucket.COLLECTION, KpiOpenOrders.COLLECTION, KpiOrder.COLLECTION)),
            Map.entry(ReadModels.RETURNS, List.of(ReturnDocument.COLLECTION)),
            Map.entry(ReadModels.WAREHOUSES, List.of(WarehouseDocument.COLLECTION)),
            Map.entry(ReadModels.STOCK_CHECKPOINTS,
                    List.of(StockCheckpoints.COLLECTION, EarlierCheckpoint.COLLECTION)));
    private static final Map<String, String> READ_MODEL_OF = new HashMap<>();
    private static final Map<String, Long> CURRENT_GENERATION = new ConcurrentHashMap<>();
    private static final ThreadLocal<Shadow> SHADOW = new ThreadLocal<>();

    static {
        BASES.forEach((readModel, bases) -> bases.forEach(base -> READ_MODEL_OF.put(base, readModel)));
    }

    private record Shadow(String readModel, long generation) {
    }

    private ReadModelCollections() {
    }

    /** The collection that {@code base} (a read model's collection name in generation 0) means on this thread. */
    public static String name(String base) {
        String readModel = READ_MODEL_OF.get(base);
        if (readModel == null) {
            throw new IllegalArgumentException(base + " is no read model's collection: list it in BASES");
        }
        Shadow shadow = SHADOW.get();
        return name(base, shadow != null && shadow.readModel().equals(readModel)
                ? shadow.generation() : generation(readModel));
    }

    /** True on a thread of a replay's shadow processor: nothing it does may reach the live streams. */
    public static boolean inShadow() {
        return SHADOW.get() != null;
    }

    static String name(String base, long generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }

    static List<String> bases(String readModel) {
        return BASES.get(readModel);
    }

    static long generation(String readModel) {
        return CURRENT_GENERATION.getOrDefault(readModel, 0L);
    }

    /** Makes {@code generation} current for every thread but shadow processors' (at start and at a switch). */
    static void makeCurrent(String readModel, long generation) {
        CURRENT_GENERATION.put(readModel, generation);
    }

    /** Runs {@code task} on this thread bound to {@code generation} of {@code readModel}, as a shadow's threads are. */
    static void runInShadow(String readModel, long generation, Runnable task) {
        Shadow before = SHADOW.get();
        SHADOW.set(new Shadow(readModel, generation));
        try {
            task.run();
        } finally {
            SHADOW.set(before);
        }
    }

    /** Threads bound to {@code generation} of {@code readModel} for as long as they live: a shadow processor's. */
    static ThreadFactory shadowThreads(String processorName, String readModel, long generation) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> runInShadow(readModel, generation, task),
                    processorName + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }
}
