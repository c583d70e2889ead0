package com.shipjoy.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.CustomerId;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import com.shipjoy.events.order.Customer;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderAllocatedEvent;
import com.shipjoy.events.order.OrderBackorderedEvent;
import com.shipjoy.events.order.OrderCancelledEvent;
import com.shipjoy.events.order.OrderLine;
import com.shipjoy.events.order.OrderPlacedEvent;
import com.shipjoy.events.order.ShipTo;
import com.shipjoy.projections.order.OrderSummaries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Seeds the orders read model of a running server for the orders benchmark, through the real projection
 * ({@link OrderSummaries}, whose handlers take each event as Axon delivers it), one order after the other as its
 * single-threaded processor would: what is stored is exactly what the projection stores for these events. It runs in a child JVM on the boot jar's classpath (Spring Boot's
 * PropertiesLauncher with this jar on {@code loader.path}) against the server's embedded MongoDB.
 *
 * <p>The orders, deterministic (seed 42): one every 30 s (plus 0–29 s) from 2026-01-01, so 100,000 span about 35
 * days; channels webshop 50 %, marketplace 25 %, pos 15 %, phone 10 %; 3 % from customer {@code C-BIG}, the rest
 * from 20,000 customers {@code C-00000…}; 1–3 lines of 2,000 skus {@code SKU-0000…}, {@code SKU-HOT} in 5 %;
 * 70 % allocated, 20 % backordered, 5 % backordered and allocated later, 5 % allocated and cancelled. Line
 * allocations are recorded by {@code OrderAllocated} alone (it sets every line), which stores the same document.
 *
 * <pre>args: mongodb-uri database count</pre>
 */
public final class OrderSeeding {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        String uri = args[0];
        String database = args[1];
        int count = Integer.parseInt(args[2]);
        Random random = new Random(42);
        String[] channels = {"webshop", "marketplace", "pos", "phone"};
        try (MongoClient client = MongoClients.create(uri)) {
            OrderSummaries projection = new OrderSummaries(new MongoTemplate(client, database));
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Instant at = START.plusSeconds(30L * i + random.nextInt(30));
                int c = random.nextInt(100);
                String channel = channels[c < 50 ? 0 : c < 75 ? 1 : c < 90 ? 2 : 3];
                String customer = random.nextInt(100) < 3 ? "C-BIG" : String.format("C-%05d", random.nextInt(20_000));
                Set<String> skus = new LinkedHashSet<>();
                if (random.nextInt(100) < 5) {
                    skus.add("SKU-HOT");
                }
                int lines = 1 + random.nextInt(3);
                while (skus.size() < lines) {
                    skus.add(String.format("SKU-%04d", random.nextInt(2_000)));
                }
                List<OrderLine> orderLines = new ArrayList<>();
                Map<String, Long> backordered = new LinkedHashMap<>();
                for (String sku : skus) {
                    long quantity = 1 + random.nextInt(5);
                    orderLines.add(new OrderLine(new Sku(sku), new Quantity(quantity), "9.99", "EUR"));
                    backordered.put(sku, quantity);
                }
                OrderId orderId = new OrderId(String.format("ORD-%07d", i));
                projection.apply(new OrderPlacedEvent(orderId, new Channel(channel),
                        new ExternalOrderId(channel + "-" + i),
                        new Customer(new CustomerId(customer), "Customer " + customer, "c@example.com"),
                        new ShipTo("Customer " + customer, "1 Main Street", "Springfield", "12345", "US"),
                        orderLines, false, "seed"), at);
                int outcome = random.nextInt(100);
                Instant next = at.plus(Duration.ofMillis(200));
                if (outcome < 70 || outcome >= 95) {
                    projection.apply(new OrderAllocatedEvent(orderId), next);
                } else {
                    projection.apply(new OrderBackorderedEvent(orderId, backordered, at), next);
                }
                if (outcome >= 90 && outcome < 95) {
                    projection.apply(new OrderAllocatedEvent(orderId), next.plus(Duration.ofHours(6)));
                } else if (outcome >= 95) {
                    projection.apply(new OrderCancelledEvent(orderId, "seed", List.of()), next.plus(Duration.ofHours(1)));
                }
                if ((i + 1) % 10_000 == 0 || i + 1 == count) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("seeded %d orders in %.1f s (%.0f orders/s)%n", i + 1, seconds,
                            (i + 1) / seconds);
                }
            }
        }
    }

    private OrderSeeding() {
    }
}
