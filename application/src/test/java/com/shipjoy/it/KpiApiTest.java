package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * The KPI document through HTTP with hand-computed figures. The clock cannot be moved, so the windows
 * are laid around the hour the test runs in: {@link #hour} and its neighbours. Each test has warehouses of its own
 * and asserts their figures; overall figures are asserted where no other test can reach them (a past window).
 */
class KpiApiTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final Api api = system.api();

    /** The hour the test starts in; the window [hour, hour + 2h) holds whatever a test does in a few seconds. */
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

    KpiApiTest() {
        super(api);
    }

    @Test
    void aWindowWithoutEventsHasZeroCountsAndNullRates() {
        JsonNode kpis = kpis("viewer", "from=2020-02-29T22:30:00Z&to=2020-03-01T02:00:00Z", api.head());
        assertThat(kpis.path("warehouseId").isNull()).isTrue();
        assertThat(kpis.path("from").asText()).isEqualTo("2020-02-29T22:30:00Z");
        assertThat(kpis.path("ordersPlaced").asLong()).isZero();
        assertThat(kpis.path("unitsShipped").asLong()).isZero();
        for (String rate : List.of("fillRate", "backorderRate", "onTimeShipRate", "pickAccuracy", "unitsPerLaborHour",
                "inventoryAccuracy", "returnRate", "perfectOrderRate")) {
            assertThat(kpis.path(rate).isNull()).as(rate).isTrue();
        }
        assertThat(kpis.path("orderCycleTimeMinutes").path("p95").isNull()).isTrue();
        // The hours the window overlaps, across the day boundary: 22:00 (cut through), 23:00, 00:00, 01:00.
        assertThat(hours(kpis)).containsExactly("2020-02-29T22:00:00Z", "2020-02-29T23:00:00Z",
                "2020-03-01T00:00:00Z", "2020-03-01T01:00:00Z");
        assertThat(kpis.path("openOrdersByStatus").fieldNames()).toIterable().containsExactly("PLACED", "ALLOCATED",
                "BACKORDERED", "PICKING", "PACKED", "PARTIALLY_SHIPPED");
    }

    @Test
    void anOrderSplitOverTwoWarehousesCountsInBothAndItsUnitsWhereTheyShipped() {
        givenWarehouse("K-S1", "sam", "A-01");
        givenWarehouse("K-S2", "sue", "B-01");
        givenStock("K-S1", "K-SPLIT", 2, "A-01");
        givenStock("K-S2", "K-SPLIT", 3, "B-01");
        Placed placed = whenPlaced("kpi-split", "K-SPLIT", 5);
        JsonNode order = orderAt(placed.orderId(), placed.position());
        assertThat(order.path("shipments")).hasSize(2);

        long position = 0;
        for (JsonNode shipment : order.path("shipments")) {
            String warehouse = shipment.path("warehouseId").asText();
            position = whenPickedPackedAndShipped(warehouse, warehouse.equals("K-S1") ? "sam" : "sue",
                    shipment.path("shipmentId").asText(), "K-SPLIT", warehouse.equals("K-S1") ? 2 : 3);
        }

        for (String warehouse : List.of("K-S1", "K-S2")) {
            JsonNode kpis = kpis(warehouse, position);
            assertThat(kpis.path("warehouseId").asText()).isEqualTo(warehouse);
            assertThat(kpis.path("ordersPlaced").asLong()).as(warehouse).isEqualTo(1);
            assertThat(kpis.path("ordersShipped").asLong()).as(warehouse).isEqualTo(1);
            assertThat(kpis.path("fillRate").decimalValue()).as(warehouse).isEqualByComparingTo("1");
            assertThat(kpis.path("backorderRate").decimalValue()).as(warehouse).isEqualByComparingTo("0");
            assertThat(kpis.path("onTimeShipRate").decimalValue()).as(warehouse).isEqualByComparingTo("1");
            assertThat(kpis.path("perfectOrderRate").decimalValue()).as(warehouse).isEqualByComparingTo("1");
            assertThat(kpis.path("pickAccuracy").decimalValue()).as(warehouse).isEqualByComparingTo("1");
            assertThat(kpis.path("returnRate").decimalValue()).as(warehouse).isEqualByComparingTo("0");
            assertThat(kpis.path("unitsPerLaborHour").isNull()).isFalse();
            assertThat(kpis.path("inventoryAccuracy").isNull()).as("no cycle count").isTrue();
            assertThat(kpis.path("openOrdersByStatus").path("PICKING").asLong()).isZero();
        }
        assertThat(kpis("K-S1", position).path("unitsShipped").asLong()).isEqualTo(2);
        assertThat(kpis("K-S2", position).path("unitsShipped").asLong()).isEqualTo(3);

        // Cycle time: from OrderPlaced to the last OrderShipped, as the history stamps them.
        List<Instant> shipped = new ArrayList<>();
        Instant placedAt = null;
        for (JsonNode event : history(placed.orderId(), position).path("items")) {
            if (event.path("type").asText().equals("OrderPlaced")) {
                placedAt = Instant.parse(event.path("timestamp").asText());
            } else if (event.path("type").asText().equals("OrderShipped")) {
                shipped.add(Instant.parse(event.path("timestamp").asText()));
            }
        }
        double minutes = Duration.between(placedAt, shipped.get(shipped.size() - 1)).toMillis() / 60_000.0;
        JsonNode cycle = kpis("K-S2", position).path("orderCycleTimeMinutes");
        assertThat(cycle.path("avg").asDouble()).isCloseTo(minutes, within(0.006));
        assertThat(cycle.path("p50").asDouble()).isCloseTo(minutes, within(minutes * 0.001 + 0.006));
        assertThat(cycle.path("p95").asDouble()).isCloseTo(minutes, within(minutes * 0.001 + 0.006));
    }

    @Test
    void aBackorderAtPlacementLowersFillRateAndTheOpenOrdersFollowTheStatus() {
        givenWarehouse("K-B", "bob", "A-01");
        givenStock("K-B", "K-BACK", 3, "A-01");
        Placed placed = whenPlaced("kpi-back", "K-BACK", 5);
        assertThat(placed.status()).isEqualTo("BACKORDERED");

        JsonNode kpis = kpis("K-B", placed.position());
        assertThat(kpis.path("fillRate").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(kpis.path("backorderRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(kpis.path("openOrdersByStatus").path("BACKORDERED").asLong()).isEqualTo(1);
        assertThat(kpis.path("ordersShipped").asLong()).isZero();
        assertThat(kpis.path("onTimeShipRate").isNull()).as("nothing fully shipped").isTrue();

        // The rest arrives: the order is allocated, which changes its status, not its figures at placement.
        long position = whenStockArrives("K-B", "K-BACK", 2, "A-01");
        kpis = kpis("K-B", position);
        assertThat(kpis.path("fillRate").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(kpis.path("openOrdersByStatus").path("BACKORDERED").asLong()).isZero();
        assertThat(kpis.path("openOrdersByStatus").path("ALLOCATED").asLong()).isEqualTo(1);
    }

    @Test
    void aShortPickSpoilsAPerfectOrderAndCountsAgainstPickAccuracy() {
        givenWarehouse("K-P", "pam", "A-01", "A-02");
        givenStock("K-P", "K-SHORT", 3, "A-01");
        givenStock("K-P", "K-SHORT", 3, "A-02");
        Placed placed = whenPlaced("kpi-short", "K-SHORT", 3);
        JsonNode task = nextTaskFor("K-P", "pam");
        assertThat(task.path("location").asText()).isEqualTo("A-01");
        whenPicked(task, 2);
        whenPicked(nextTaskFor("K-P", "pam"), 1);
        String shipmentId = task.path("shipmentId").asText();
        whenPacked(shipmentId, cartons("K-SHORT", 3));
        long position = whenShipped(shipmentId, "UPS", "K-P-1").position();
        assertThat(status(placed.orderId(), position)).isEqualTo("SHIPPED");
        // Cycle counts: one without variance, one with.
        whenCounted("K-P", "K-SHORT", "A-02", 2).expectVariance(0);
        position = whenCounted("K-P", "K-SHORT", "A-01", 1).expectVariance(1);

        JsonNode kpis = kpis("K-P", position);
        assertThat(kpis.path("ordersShipped").asLong()).isEqualTo(1);
        assertThat(kpis.path("onTimeShipRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(kpis.path("perfectOrderRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(kpis.path("pickAccuracy").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(kpis.path("inventoryAccuracy").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(hourly(kpis, hour).path("unitsPicked").asLong()
                + hourly(kpis, hour.plus(Duration.ofHours(1))).path("unitsPicked").asLong()).isEqualTo(3);
    }

    @Test
    void aDamagedReturnTakesBackThePerfectOrderInTheHourItShipped() {
        givenWarehouse("K-R", "rae", "A-01");
        givenStock("K-R", "K-RET", 4, "A-01");
        Placed placed = whenPlaced("kpi-return", "K-RET", 4);
        long position = whenPickedPackedAndShipped("K-R", "rae", nextTaskFor("K-R", "rae"), "K-RET", 4);
        assertThat(kpis("K-R", position).path("perfectOrderRate").decimalValue()).isEqualByComparingTo("1");

        requestReturn(placed.orderId(), "{\"rmaId\":\"K-RMA\",\"lines\":[{\"sku\":\"K-RET\",\"quantity\":1}],"
                + "\"reason\":\"broken\",\"resolution\":\"REFUND\"}", HttpStatus.CREATED);
        position = receiveReturn("K-RMA", "{\"warehouseId\":\"K-R\",\"lines\":[{\"sku\":\"K-RET\",\"quantity\":1,"
                + "\"condition\":\"DAMAGED\",\"location\":\"A-01\"}]}", HttpStatus.OK).position();

        JsonNode kpis = kpis("K-R", position);
        assertThat(kpis.path("perfectOrderRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(kpis.path("ordersShipped").asLong()).isEqualTo(1);
        assertThat(kpis.path("returnRate").decimalValue()).isEqualByComparingTo("0.25");
    }

    @Test
    void theWindowSelectsTheHoursItOverlapsAcrossADayBoundary() {
        givenWarehouse("K-H", "hal", "A-01");
        givenStock("K-H", "K-HOUR", 1, "A-01");
        Placed placed = whenPlaced("kpi-hour", "K-HOUR", 1);
        Instant placedHour = Instant.parse(history(placed.orderId(), placed.position()).path("items").path(0)
                .path("timestamp").asText()).truncatedTo(ChronoUnit.HOURS);
        String query = "warehouseId=K-H&from=%s&to=%s";

        // The last second of the hour cuts through it: the whole hour counts, one hourly entry.
        Instant lastSecond = placedHour.plus(Duration.ofHours(1)).minusSeconds(1);
        JsonNode kpis = kpis("viewer", query.formatted(lastSecond, placedHour.plus(Duration.ofHours(1))),
                placed.position());
        assertThat(kpis.path("ordersPlaced").asLong()).isEqualTo(1);
        assertThat(hours(kpis)).containsExactly(placedHour.toString());

        // 24 hours ending half an hour into the hour: 25 hourly entries, across a UTC midnight, the order's last.
        Instant to = placedHour.plus(Duration.ofMinutes(30));
        kpis = kpis("viewer", query.formatted(to.minus(Duration.ofDays(1)), to), placed.position());
        assertThat(kpis.path("hourly")).hasSize(25);
        assertThat(kpis.path("hourly").path(24).path("hour").asText()).isEqualTo(placedHour.toString());
        assertThat(kpis.path("hourly").path(24).path("ordersPlaced").asLong()).isEqualTo(1);
        assertThat(kpis.path("hourly").path(23).path("ordersPlaced").asLong()).isZero();
        assertThat(kpis.path("ordersPlaced").asLong()).isEqualTo(1);

        // The hour after, and the day before: nothing.
        kpis = kpis("viewer", query.formatted(placedHour.plus(Duration.ofHours(1)), placedHour.plus(
                Duration.ofHours(2))), placed.position());
        assertThat(kpis.path("ordersPlaced").asLong()).isZero();
        assertThat(kpis.path("fillRate").isNull()).isTrue();
        kpis = kpis("viewer", query.formatted(placedHour.minus(Duration.ofDays(1)), placedHour), placed.position());
        assertThat(kpis.path("ordersPlaced").asLong()).isZero();
    }

    @Test
    void dashboardsAuditorsAndAdminsReadKpisAndTheWarehouseReadsLabor() {
        for (String user : List.of("viewer", "auditor", "admin")) {
            api.get(user, "/api/kpis", HttpStatus.OK);
            api.get(user, "/api/kpis/labor", HttpStatus.OK);
        }
        api.get("warehouse", "/api/kpis/labor", HttpStatus.OK);
        for (String user : List.of("warehouse", "agent", "channel")) {
            api.get(user, "/api/kpis", HttpStatus.FORBIDDEN).problem();
        }
        for (String user : List.of("agent", "channel")) {
            api.get(user, "/api/kpis/labor", HttpStatus.FORBIDDEN).problem();
        }
    }

    @Test
    void badWindowsAre400() {
        for (String path : List.of("/api/kpis", "/api/kpis/labor")) {
            api.get("admin", path + "?from=yesterday", HttpStatus.BAD_REQUEST).problem();
            api.get("admin", path + "?to=2026-13-01T00:00:00Z", HttpStatus.BAD_REQUEST).problem();
            api.get("admin", path + "?from=2026-01-02T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatus.BAD_REQUEST)
                    .problem();
            api.get("admin", path + "?from=2026-01-03T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatus.BAD_REQUEST)
                    .problem();
            api.get("admin", path + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:01Z", HttpStatus.BAD_REQUEST)
                    .problem();
            api.get("admin", path + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", HttpStatus.OK);
            api.get("admin", path + "?warehouseId=a%24b", HttpStatus.BAD_REQUEST).problem();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The warehouse's KPIs over [hour, hour + 2h). */
    private JsonNode kpis(String warehouseId, long position) {
        return kpis("viewer", "warehouseId=" + warehouseId + "&from=" + hour + "&to=" + hour.plus(Duration.ofHours(2)),
                position);
    }

    private static JsonNode kpis(String user, String query, long position) {
        return api.read(user, "/api/kpis?" + query, position);
    }

    private static List<String> hours(JsonNode kpis) {
        List<String> hours = new ArrayList<>();
        kpis.path("hourly").forEach(entry -> hours.add(entry.path("hour").asText()));
        return hours;
    }

    private static JsonNode hourly(JsonNode kpis, Instant hour) {
        for (JsonNode entry : kpis.path("hourly")) {
            if (entry.path("hour").asText().equals(hour.toString())) {
                return entry;
            }
        }
        throw new AssertionError("no hourly entry for " + hour);
    }
}
