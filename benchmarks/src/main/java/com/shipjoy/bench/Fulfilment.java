package com.shipjoy.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The warehouse's side of the orders in a seed store, through the API, before {@link ReplayRun} copies it: (i) only
 * places orders, which leaves the store without picks, packing, shipping, deliveries or returns, the events the
 * task, shipment, labor, return and KPI read models live on. On a running server whose orders were released to
 * {@link Benchmarks#WH}: {@value #CLIENTS} workers take and confirm open tasks (oldest order first) until
 * {@code tasks} are done or none is open; each shipment they picked is packed into one carton and shipped, every
 * other order is then delivered, and every tenth delivered order sends one unit back (received as sellable).
 */
final class Fulfilment {

    static final int CLIENTS = 4;

    /** What it did. */
    record Done(int picked, int shipped, int delivered, int returned, int failed) {
    }

    private final Http http;
    private final String run = Long.toString(System.nanoTime(), 36);
    private final AtomicInteger failed = new AtomicInteger();

    private Fulfilment(Http http) {
        this.http = http;
    }

    /** Picks up to {@code tasks} tasks and completes what they picked. */
    static Done run(Http http, int tasks) {
        return new Fulfilment(http).run(tasks);
    }

    private Done run(int tasks) {
        AtomicInteger budget = new AtomicInteger(tasks);
        AtomicInteger picked = new AtomicInteger();
        Map<String, String> orderOf = new ConcurrentHashMap<>();
        List<Thread> pickers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String worker = "BENCH-" + run + "-" + c;
            expect(http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH + "/workers",
                    "{\"workerId\":\"" + worker + "\",\"name\":\"Bench picker " + c + "\"}"), 201);
            pickers.add(new Thread(() -> {
                while (budget.getAndDecrement() > 0) {
                    Http.Response next = http.post(Benchmarks.WAREHOUSE, "/api/warehouses/" + Benchmarks.WH
                            + "/tasks/next", "{\"workerId\":\"" + worker + "\"}");
                    if (next.status() != 200) {
                        expect(next, 204);
                        return;
                    }
                    Object task = Json.parse(next.body());
                    if (expect(http.post(Benchmarks.WAREHOUSE, "/api/tasks/" + Json.at(task, "taskId") + "/confirm",
                            "{\"workerId\":\"" + worker + "\",\"location\":\"" + Json.at(task, "location")
                                    + "\",\"quantity\":" + Json.number(task, "quantity") + "}"), 200)) {
                        orderOf.put((String) Json.at(task, "shipmentId"), (String) Json.at(task, "orderId"));
                        picked.incrementAndGet();
                    }
                }
            }, "fulfilment-pick-" + c));
        }
        Load.startAndJoin(pickers);

        List<String> shipments = new ArrayList<>(orderOf.keySet());
        AtomicInteger shipped = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger returned = new AtomicInteger();
        AtomicInteger nextShipment = new AtomicInteger();
        Set<String> done = ConcurrentHashMap.newKeySet();
        List<Thread> packers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            packers.add(new Thread(() -> {
                for (int i = nextShipment.getAndIncrement(); i < shipments.size();
                     i = nextShipment.getAndIncrement()) {
                    String shipment = shipments.get(i);
                    if (packAndShip(shipment) && done.add(shipment)) {
                        shipped.incrementAndGet();
                        if (i % 2 == 0 && deliver(orderOf.get(shipment))) {
                            delivered.incrementAndGet();
                            if (i % 20 == 0 && sendBack(orderOf.get(shipment), i)) {
                                returned.incrementAndGet();
                            }
                        }
                    }
                }
            }, "fulfilment-ship-" + c));
        }
        Load.startAndJoin(packers);
        return new Done(picked.get(), shipped.get(), delivered.get(), returned.get(), failed.get());
    }

    /** One carton holding what the shipment's tasks picked, once every task is done; then shipped. */
    private boolean packAndShip(String shipment) {
        Object document = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            Http.Response read = http.get(Benchmarks.WAREHOUSE, "/api/shipments/" + shipment);
            if (read.status() == 200 && "PICKED".equals(Json.at(Json.parse(read.body()), "status"))) {
                document = Json.parse(read.body());
                break;
            }
            ServerProcess.sleep(20);
        }
        if (document == null) {
            return false; // some of its tasks are still open (the pickers stopped at the limit)
        }
        Map<String, Long> units = new TreeMap<>();
        for (Object task : (List<?>) Json.at(document, "tasks")) {
            units.merge((String) Json.at(task, "sku"), Json.number(task, "quantity"), Long::sum);
        }
        List<String> lines = units.entrySet().stream().map(line -> "{\"sku\":\"" + line.getKey()
                + "\",\"quantity\":" + line.getValue() + "}").toList();
        return expect(http.post(Benchmarks.WAREHOUSE, "/api/shipments/" + shipment + "/pack",
                "{\"cartons\":[{\"cartonId\":\"BOX-" + run + "\",\"weightGrams\":1200,\"lines\":["
                        + String.join(",", lines) + "]}]}"), 200)
                && expect(http.post(Benchmarks.WAREHOUSE, "/api/shipments/" + shipment + "/ship",
                "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-" + run + "\"}"), 200);
    }

    private boolean deliver(String order) {
        return expect(http.post(Benchmarks.WAREHOUSE, "/api/orders/" + order + "/delivered", "{}"), 200);
    }

    /** One unit of the order's first line back, received as sellable. */
    private boolean sendBack(String order, int n) {
        Object document = Json.parse(http.get(Benchmarks.AUDITOR, "/api/orders/" + order).body());
        String sku = (String) Json.at(document, "lines.0.sku");
        String rma = "RMA-" + run + "-" + n;
        return expect(http.post("agent", "/api/orders/" + order + "/returns", "{\"rmaId\":\"" + rma
                        + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"reason\":\"bench\","
                        + "\"resolution\":\"REFUND\"}"), 201)
                && expect(http.post(Benchmarks.WAREHOUSE, "/api/returns/" + rma + "/receipt", "{\"warehouseId\":\""
                + Benchmarks.WH + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1,\"condition\":\"SELLABLE\","
                + "\"location\":\"" + Benchmarks.location(1) + "\"}]}"), 200);
    }

    private boolean expect(Http.Response response, int status) {
        if (response.status() == status) {
            return true;
        }
        if (failed.getAndIncrement() < 5) {
            System.out.println("    fulfilment: HTTP " + response.status() + " " + Load.abbreviate(response.body()));
        }
        return false;
    }
}
