package com.shipjoy.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.common.ShipmentId;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.common.TaskId;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.common.WorkerId;
import com.shipjoy.events.fulfillment.Carton;
import com.shipjoy.events.fulfillment.CartonLine;
import com.shipjoy.events.fulfillment.PickTask;
import com.shipjoy.events.fulfillment.PickTasksAddedEvent;
import com.shipjoy.events.fulfillment.ShipmentCancelledEvent;
import com.shipjoy.events.fulfillment.ShipmentPackedEvent;
import com.shipjoy.events.fulfillment.ShipmentPickedEvent;
import com.shipjoy.events.fulfillment.ShipmentReleasedEvent;
import com.shipjoy.events.fulfillment.ShipmentShippedEvent;
import com.shipjoy.events.fulfillment.TaskAssignedEvent;
import com.shipjoy.events.fulfillment.TaskCancelledEvent;
import com.shipjoy.events.fulfillment.TaskConfirmedEvent;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderDeliveredEvent;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderLineAllocatedEvent;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.OrderReleasedEvent;
import com.shipjoy.events.order.OrderShippedEvent;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.events.returns.ReturnCondition;
import com.shipjoy.events.returns.ReturnReceiptLine;
import com.shipjoy.events.returns.ReturnReceivedEvent;
import com.shipjoy.events.stock.StockCountedEvent;
import com.shipjoy.events.stock.StockId;
import com.shipjoy.projections.ReadModelFeed;
import com.shipjoy.projections.fulfillment.LaborReadModel;
import com.shipjoy.projections.kpi.KpiReadModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Seeds one UTC day of orders into the KPI and labor read models of a running server for the KPI benchmark, through
 * the real projections ({@link KpiReadModel}, {@link LaborReadModel}: their handlers take the events in batches, with
 * positions and timestamps, as their processors would), so that what is stored is exactly what the service stores.
 * It runs in a child JVM on the boot jar's classpath against the server's embedded MongoDB, like {@link OrderSeeding},
 * and prints, besides its progress, the figures the KPI document must show ({@code expect} lines), counted here from
 * the lives it made up, not from the read model.
 *
 * <p>The day, deterministic (seed 42): N orders placed between 00:00 and 10:00, so that every life ends within the
 * day; warehouses WH1 50 %, WH2 30 %, WH3 20 %; 1–3 lines of 1–4 units of 500 skus; 12 % of the orders with two or
 * more lines split over two warehouses (the last line elsewhere). 6 % are backordered at placement (their first line
 * waits): 70 % of them are allocated 1–3 h later, 15 % cancelled, 15 % still wait. Of the released orders 2 % are
 * cancelled before picking (their shipments and tasks too), 4 % wait for picking, 3 % are being picked, 3 % are packed,
 * the rest ship (a quarter of the split ones only one of their shipments): 85 % within the SLA, the rest up to 4 h
 * after it. A task is assigned to one of 10 workers of its warehouse and confirmed 2–6 min later; 3 % of the tasks of
 * two or more units are short by one, which a follow-up task in the same shipment picks from another bin. 40 % of the
 * shipped orders are delivered; 3 % send one unit back (30 % of those DAMAGED). Each warehouse also counts 300 bins
 * over the day, 2 % with a variance. Each event has the next position, its order's events one after the other.
 *
 * <pre>args: mongodb-uri database count day-start(ISO instant) sla-hours</pre>
 */
public final class KpiSeeding {

    static final String[] WAREHOUSES = {"WH1", "WH2", "WH3"};
    static final Duration PLACING = Duration.ofHours(10);
    static final int WORKERS = 10;
    static final int COUNTS = 300;

    private final ReadModelFeed kpis;
    private final ReadModelFeed labor;
    private final Random random = new Random(42);
    private final Instant day;
    private final Duration sla;
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private long position;

    private KpiSeeding(ReadModelFeed kpis, ReadModelFeed labor, Instant day, long slaHours) {
        this.kpis = kpis;
        this.labor = labor;
        this.day = day;
        this.sla = Duration.ofHours(slaHours);
        expected.put("", new Expected());
        for (String warehouse : WAREHOUSES) {
            expected.put(warehouse, new Expected());
        }
    }

    public static void main(String[] args) {
        String uri = args[0];
        String database = args[1];
        int count = Integer.parseInt(args[2]);
        Instant day = Instant.parse(args[3]);
        long slaHours = Long.parseLong(args[4]);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoTemplate mongo = new MongoTemplate(client, database);
            KpiSeeding seeding;
            try (ReadModelFeed kpis = KpiReadModel.feed(mongo, slaHours);
                 ReadModelFeed labor = LaborReadModel.feed(mongo)) {
                seeding = new KpiSeeding(kpis, labor, day, slaHours);
                long started = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    seeding.order(i);
                    if ((i + 1) % 10_000 == 0 || i + 1 == count) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        System.out.printf("seeded %d orders, %d events in %.1f s (%.0f events/s)%n", i + 1,
                                seeding.position, seconds, seeding.position / seconds);
                    }
                }
                seeding.counts();
            }
            seeding.expected.forEach((scope, figures) -> figures.print(scope));
        }
    }

    /** One order's life, its events applied in time order. */
    private void order(int i) {
        Life life = new Life(new OrderId(String.format("KPI-%07d", i)),
                day.plusMillis((long) (random.nextDouble() * PLACING.toMillis())));
        String home = warehouse();
        int lineCount = 1 + random.nextInt(3);
        Map<String, Long> lines = new LinkedHashMap<>();
        while (lines.size() < lineCount) {
            lines.put(String.format("SKU-%04d", random.nextInt(500)), 1L + random.nextInt(4));
        }
        List<String> skus = new ArrayList<>(lines.keySet());
        Map<String, String> warehouseOf = new LinkedHashMap<>();
        skus.forEach(sku -> warehouseOf.put(sku, home));
        if (lineCount > 1 && random.nextInt(100) < 12) {
            warehouseOf.put(skus.get(lineCount - 1), WAREHOUSES[(indexOf(home) + 1 + random.nextInt(2)) % 3]);
        }
        life.unitsOrdered = lines.values().stream().mapToLong(Long::longValue).sum();
        String channel = random.nextBoolean() ? "webshop" : "marketplace";
        life.add(life.placedAt, new OrderPlacedEvent(life.orderId, new Channel(channel),
                new ExternalOrderId(channel + "-" + i), new Customer(new CustomerId("C-" + i % 20_000), "Customer",
                "c@example.com"), new ShipTo("Customer", "1 Main Street", "Springfield", "12345", "US"),
                skus.stream().map(sku -> new OrderLine(new Sku(sku), new Quantity(lines.get(sku)), "9.99", "EUR"))
                        .toList(), false, "seed"));
        Instant decided = life.placedAt.plusMillis(200);
        String waiting = random.nextInt(100) < 6 ? skus.get(0) : null;
        for (String sku : skus) {
            if (!sku.equals(waiting)) {
                life.add(decided, new OrderLineAllocatedEvent(life.orderId, new Sku(sku),
                        new WarehouseId(warehouseOf.get(sku)), lines.get(sku), lines.get(sku), 0));
                life.warehouses.add(warehouseOf.get(sku));
                life.allocatedAtPlacement += lines.get(sku);
            }
        }
        Instant released = decided;
        if (waiting == null) {
            life.add(decided, new OrderAllocatedEvent(life.orderId));
        } else {
            life.backorderedAtPlacement = true;
            life.add(decided, new OrderBackorderedEvent(life.orderId, Map.of(waiting, lines.get(waiting)),
                    life.placedAt));
            int fate = random.nextInt(100);
            if (fate >= 70) {
                if (fate < 85) {
                    life.add(life.placedAt.plus(Duration.ofHours(2)), new OrderCancelledEvent(life.orderId, "seed",
                            List.of()));
                    life.status = "CANCELLED";
                } else {
                    life.status = "BACKORDERED";
                }
                finish(life);
                return;
            }
            released = life.placedAt.plus(minutes(60, 180));
            life.add(released, new OrderLineAllocatedEvent(life.orderId, new Sku(waiting), new WarehouseId(home),
                    lines.get(waiting), lines.get(waiting), 0));
            life.warehouses.add(home);
            life.add(released, new OrderAllocatedEvent(life.orderId));
        }
        List<Shipment> shipments = new ArrayList<>();
        for (String warehouse : new LinkedHashSet<>(warehouseOf.values())) {
            Map<String, Long> shipped = new TreeMap<>();
            warehouseOf.forEach((sku, at) -> {
                if (at.equals(warehouse)) {
                    shipped.put(sku, lines.get(sku));
                }
            });
            Shipment shipment = new Shipment(new ShipmentId(life.orderId.value() + "-S" + (shipments.size() + 1)),
                    new WarehouseId(warehouse), shipped);
            shipments.add(shipment);
            life.add(released, new OrderReleasedEvent(life.orderId, shipment.id, shipment.warehouseId, shipped,
                    life.placedAt));
            life.add(released.plusMillis(100), new ShipmentReleasedEvent(shipment.id, life.orderId,
                    shipment.warehouseId, life.placedAt, shipment.tasks(shipped)));
        }
        int fate = random.nextInt(100);
        if (fate < 2) {
            Instant at = released.plus(minutes(10, 50));
            life.add(at, new OrderCancelledEvent(life.orderId, "seed", shipments.stream().map(s -> s.id).toList()));
            for (Shipment shipment : shipments) {
                life.add(at.plusMillis(100), new ShipmentCancelledEvent(shipment.id, life.orderId,
                        shipment.warehouseId, "order cancelled"));
                shipment.tasks.forEach(task -> life.add(at.plusMillis(200), new TaskCancelledEvent(shipment.id,
                        task.taskId(), life.orderId, shipment.warehouseId)));
            }
            life.status = "CANCELLED";
            finish(life);
            return;
        }
        if (fate < 6) {
            life.status = "ALLOCATED";
            finish(life);
            return;
        }
        boolean onTime = random.nextInt(100) < 85;
        Duration cycle = onTime ? minutes(60, sla.toMinutes()) : sla.plus(minutes(1, 240));
        Instant end = life.placedAt.plus(cycle);
        if (end.isBefore(released.plus(Duration.ofMinutes(60)))) {
            // An hour at least from release to shipping, so that picking and packing fit in between.
            end = released.plus(Duration.ofMinutes(60));
        }
        if (fate < 9) {
            Shipment first = shipments.get(0);
            life.add(released.plus(Duration.ofMinutes(8)), new TaskAssignedEvent(first.id, first.tasks.get(0).taskId(),
                    life.orderId, first.warehouseId, worker()));
            life.status = "PICKING";
            finish(life);
            return;
        }
        boolean packedOnly = fate < 12;
        boolean partly = !packedOnly && shipments.size() > 1 && random.nextInt(100) < 25;
        Map<String, Long> shippedAfter = new TreeMap<>();
        for (int s = 0; s < shipments.size(); s++) {
            Shipment shipment = shipments.get(s);
            Instant shipAt = end.plus(Duration.ofMinutes(10L * s));
            pick(life, shipment, released, shipAt);
            if (packedOnly || (partly && s > 0)) {
                continue;
            }
            life.add(shipAt, new ShipmentShippedEvent(shipment.id, life.orderId, shipment.warehouseId, "DHL",
                    "TRK-" + shipment.id.value(), shipment.lines));
            shipment.lines.forEach((sku, units) -> shippedAfter.merge(sku, units, Long::sum));
            boolean complete = s == shipments.size() - 1;
            Instant recorded = shipAt.plusMillis(100);
            life.add(recorded, new OrderShippedEvent(life.orderId, shipment.id, shipment.warehouseId,
                    shipment.lines, shippedAfter, complete));
            long units = shipment.lines.values().stream().mapToLong(Long::longValue).sum();
            expected.get("").unitsShipped += units;
            expected.get(shipment.warehouseId.value()).unitsShipped += units;
            if (complete) {
                // The order's cycle ends with the event that records its last shipment.
                life.shippedAt = recorded;
            }
        }
        if (packedOnly) {
            life.status = "PACKED";
        } else if (partly) {
            life.status = "PARTIALLY_SHIPPED";
        } else {
            life.status = "SHIPPED";
            delivery(life, shipments.get(0), lines, skus.get(0));
        }
        finish(life);
    }

    /** The shipment's tasks (a short pick's follow-up too), picked and packed before {@code shipAt}. */
    private void pick(Life life, Shipment shipment, Instant released, Instant shipAt) {
        Duration span = Duration.between(released, shipAt);
        Instant at = released.plus(span.dividedBy(5));
        String warehouse = shipment.warehouseId.value();
        for (int t = 0; t < shipment.tasks.size(); t++) {
            PickTask task = shipment.tasks.get(t);
            WorkerId worker = worker();
            life.add(at, new TaskAssignedEvent(shipment.id, task.taskId(), life.orderId, shipment.warehouseId,
                    worker));
            Instant confirmed = at.plus(minutes(2, 6));
            boolean shortPick = task.quantity() > 1 && random.nextInt(100) < 3;
            long picked = shortPick ? task.quantity() - 1 : task.quantity();
            TaskConfirmedEvent confirmation = new TaskConfirmedEvent(shipment.id, task.taskId(), life.orderId,
                    shipment.warehouseId, worker, task.sku(), task.location(), task.quantity(), picked, at);
            life.add(confirmed, confirmation);
            expected.get("").picks(shortPick);
            expected.get(warehouse).picks(shortPick);
            life.shortPick |= shortPick;
            if (shortPick) {
                PickTask followUp = new PickTask(TaskId.of(shipment.id, shipment.tasks.size() + 1), task.sku(),
                        new Location("B-01"), 1);
                shipment.tasks.add(followUp);
                life.add(confirmed.plusMillis(100), new PickTasksAddedEvent(shipment.id, life.orderId,
                        shipment.warehouseId, life.placedAt, List.of(followUp)));
            }
            at = confirmed.plusSeconds(30);
        }
        life.add(at.plus(Duration.ofMinutes(1)), new ShipmentPickedEvent(shipment.id, life.orderId,
                shipment.warehouseId, shipment.lines));
        life.add(shipAt.minus(Duration.ofMinutes(5)), new ShipmentPackedEvent(shipment.id, life.orderId,
                shipment.warehouseId, List.of(new Carton("BOX-1", 800, shipment.lines.entrySet().stream()
                .map(line -> new CartonLine(new Sku(line.getKey()), new Quantity(line.getValue()))).toList()))));
    }

    /** 40 % delivered; 3 % return one unit of their first line to the warehouse that shipped it. */
    private void delivery(Life life, Shipment first, Map<String, Long> lines, String sku) {
        if (random.nextInt(100) < 40) {
            Instant deliveredAt = life.shippedAt.plus(minutes(60, 180));
            life.add(deliveredAt, new OrderDeliveredEvent(life.orderId, deliveredAt));
            life.status = "DELIVERED";
        }
        if (random.nextInt(100) < 3) {
            boolean damaged = random.nextInt(100) < 30;
            boolean all = life.unitsOrdered == 1;
            life.add(life.shippedAt.plus(Duration.ofMinutes(200)), new ReturnReceivedEvent(life.orderId,
                    new RmaId("RMA-" + life.orderId.value()), first.warehouseId,
                    List.of(new ReturnReceiptLine(new Sku(sku), new Quantity(1),
                            damaged ? ReturnCondition.DAMAGED : ReturnCondition.SELLABLE, new Location("A-01"))),
                    Map.of(sku, 1L), all, null));
            life.damagedReturn = damaged;
            expected.get("").unitsReturned++;
            expected.get(first.warehouseId.value()).unitsReturned++;
            if (all) {
                life.status = "RETURNED";
            }
        }
    }

    /** Applies the order's events in time order and counts what the KPI document must show of it. */
    private void finish(Life life) {
        life.events.sort(Comparator.comparing(Timed::at));
        for (Timed timed : life.events) {
            position++;
            kpis.apply(timed.event(), position, timed.at());
            if (timed.event() instanceof TaskConfirmedEvent) {
                labor.apply(timed.event(), position, timed.at());
            }
        }
        expected.get("").count(life, sla);
        life.warehouses.forEach(warehouse -> expected.get(warehouse).count(life, sla));
    }

    /** Each warehouse's cycle counts over the day, after the orders (positions only rise). */
    private void counts() {
        for (String warehouse : WAREHOUSES) {
            for (int c = 0; c < COUNTS; c++) {
                Instant at = day.plusMillis((long) (random.nextDouble() * Duration.ofDays(1).toMillis()));
                boolean variance = random.nextInt(100) < 2;
                position++;
                kpis.apply(new StockCountedEvent(StockId.of(String.format("SKU-%04d", random.nextInt(500)),
                        warehouse), "COUNT-" + warehouse + "-" + c, new Location("A-01"), 20, variance ? 19 : 20,
                        variance ? -1 : 0, "cycle count", variance ? 19 : 20, 0), position, at);
                for (String scope : List.of("", warehouse)) {
                    expected.get(scope).counts++;
                    expected.get(scope).accurateCounts += variance ? 0 : 1;
                }
            }
        }
    }

    private String warehouse() {
        int w = random.nextInt(100);
        return WAREHOUSES[w < 50 ? 0 : w < 80 ? 1 : 2];
    }

    private WorkerId worker() {
        return new WorkerId(String.format("W-%02d", random.nextInt(WORKERS)));
    }

    private Duration minutes(long from, long to) {
        return Duration.ofMinutes(from).plusMillis((long) (random.nextDouble() * (to - from) * 60_000));
    }

    private static int indexOf(String warehouse) {
        return List.of(WAREHOUSES).indexOf(warehouse);
    }

    private record Timed(Instant at, Object event) {
    }

    /** An order as made up: its events and what they must add to the KPI document. */
    private static final class Life {
        final OrderId orderId;
        final Instant placedAt;
        final List<Timed> events = new ArrayList<>();
        final Set<String> warehouses = new LinkedHashSet<>();
        long unitsOrdered;
        long allocatedAtPlacement;
        boolean backorderedAtPlacement;
        boolean shortPick;
        boolean damagedReturn;
        Instant shippedAt;
        String status;

        Life(OrderId orderId, Instant placedAt) {
            this.orderId = orderId;
            this.placedAt = placedAt;
        }

        void add(Instant at, Object event) {
            events.add(new Timed(at, event));
        }
    }

    private static final class Shipment {
        final ShipmentId id;
        final WarehouseId warehouseId;
        final Map<String, Long> lines;
        final List<PickTask> tasks = new ArrayList<>();

        Shipment(ShipmentId id, WarehouseId warehouseId, Map<String, Long> lines) {
            this.id = id;
            this.warehouseId = warehouseId;
            this.lines = lines;
        }

        List<PickTask> tasks(Map<String, Long> shipped) {
            shipped.forEach((sku, units) -> tasks.add(new PickTask(TaskId.of(id, tasks.size() + 1), new Sku(sku),
                    new Location(String.format("A-%02d", tasks.size() + 1)), units)));
            return List.copyOf(tasks);
        }
    }

    /** One scope's figures (overall or a warehouse), as the KPI document defines them. */
    private static final class Expected {
        long ordersPlaced;
        long unitsOrdered;
        long allocatedAtPlacement;
        long backorderedAtPlacement;
        long ordersShipped;
        long cycleMillis;
        long onTime;
        long perfect;
        long unitsShipped;
        long unitsReturned;
        long picks;
        long accuratePicks;
        long counts;
        long accurateCounts;
        final Map<String, Long> open = new LinkedHashMap<>();

        Expected() {
            for (String status : List.of("PLACED", "ALLOCATED", "BACKORDERED", "PICKING", "PACKED",
                    "PARTIALLY_SHIPPED")) {
                open.put(status, 0L);
            }
        }

        void picks(boolean shortPick) {
            picks++;
            accuratePicks += shortPick ? 0 : 1;
        }

        void count(Life life, Duration sla) {
            ordersPlaced++;
            unitsOrdered += life.unitsOrdered;
            allocatedAtPlacement += life.allocatedAtPlacement;
            backorderedAtPlacement += life.backorderedAtPlacement ? 1 : 0;
            open.computeIfPresent(life.status, (status, n) -> n + 1);
            if (life.shippedAt != null) {
                ordersShipped++;
                long millis = Duration.between(life.placedAt, life.shippedAt).toMillis();
                cycleMillis += millis;
                boolean inTime = millis <= sla.toMillis();
                onTime += inTime ? 1 : 0;
                perfect += inTime && !life.shortPick && !life.damagedReturn ? 1 : 0;
            }
        }

        /** {@code expect <scope> <path in the document> <value>}, tab-separated; scope empty: overall. */
        void print(String scope) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("ordersPlaced", ordersPlaced);
            figures.put("ordersShipped", ordersShipped);
            figures.put("unitsShipped", unitsShipped);
            figures.put("fillRate", rate(allocatedAtPlacement, unitsOrdered));
            figures.put("backorderRate", rate(backorderedAtPlacement, ordersPlaced));
            figures.put("orderCycleTimeMinutes.avg", ordersShipped == 0 ? null : BigDecimal.valueOf(cycleMillis)
                    .divide(BigDecimal.valueOf(ordersShipped), 4, RoundingMode.HALF_UP)
                    .divide(BigDecimal.valueOf(60_000), 2, RoundingMode.HALF_UP));
            figures.put("onTimeShipRate", rate(onTime, ordersShipped));
            figures.put("perfectOrderRate", rate(perfect, ordersShipped));
            figures.put("pickAccuracy", rate(accuratePicks, picks));
            figures.put("inventoryAccuracy", rate(accurateCounts, counts));
            figures.put("returnRate", rate(unitsReturned, unitsShipped));
            open.forEach((status, n) -> figures.put("openOrdersByStatus." + status, n));
            figures.put("labor.tasksCompleted", picks);
            figures.put("labor.shortPicks", picks - accuratePicks);
            figures.forEach((path, value) -> System.out.println("expect\t" + scope + "\t" + path + "\t" + value));
        }

        private static BigDecimal rate(long numerator, long denominator) {
            return denominator == 0 ? null : BigDecimal.valueOf(numerator)
                    .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        }
    }
}
