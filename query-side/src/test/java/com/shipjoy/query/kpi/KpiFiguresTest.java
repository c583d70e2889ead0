package com.shipjoy.query.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.kpi.CycleTimes;
import com.shipjoy.projections.kpi.KpiBucket;
import com.shipjoy.projections.kpi.KpiCounter;
import java.time.Instant;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class KpiFiguresTest {

    static final Instant TEN = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant ELEVEN = Instant.parse("2026-03-01T11:00:00Z");

    @Test
    void ratesAddUpTheHoursOfTheWindowAndAreNullWithoutADenominator() {
        Histogram tenOClock = CycleTimes.empty();
        tenOClock.recordValue(60_000);
        Histogram elevenOClock = CycleTimes.empty();
        elevenOClock.recordValue(180_000);
        Map<Instant, KpiBucket> buckets = Map.of(
                TEN, bucket(TEN, Map.of(KpiCounter.ORDERS_PLACED, 3L, KpiCounter.UNITS_ORDERED, 8L,
                        KpiCounter.UNITS_ALLOCATED_AT_PLACEMENT, 6L, KpiCounter.ORDERS_BACKORDERED_AT_PLACEMENT, 1L,
                        KpiCounter.ORDERS_SHIPPED, 1L, KpiCounter.CYCLE_MILLIS, 60_000L, KpiCounter.ORDERS_ON_TIME, 1L,
                        KpiCounter.PERFECT_ORDERS, 1L, KpiCounter.UNITS_SHIPPED, 4L), tenOClock),
                ELEVEN, bucket(ELEVEN, Map.of(KpiCounter.ORDERS_SHIPPED, 1L, KpiCounter.CYCLE_MILLIS, 180_000L,
                        KpiCounter.PICKS, 4L, KpiCounter.ACCURATE_PICKS, 3L, KpiCounter.UNITS_PICKED, 10L,
                        KpiCounter.LABOR_MILLIS, 1_800_000L, KpiCounter.UNITS_RETURNED, 1L), elevenOClock));

        Kpis kpis = KpiFigures.of("W1", new KpiWindow(Instant.parse("2026-03-01T10:30:00Z"),
                Instant.parse("2026-03-01T12:00:00Z")), buckets, Map.of(OrderStatus.PICKING, 2L,
                OrderStatus.SHIPPED, 5L));

        assertThat(kpis.ordersPlaced()).isEqualTo(3);
        assertThat(kpis.ordersShipped()).isEqualTo(2);
        assertThat(kpis.fillRate()).isEqualByComparingTo("0.75");
        assertThat(kpis.backorderRate()).isEqualByComparingTo("0.3333");
        assertThat(kpis.onTimeShipRate()).isEqualByComparingTo("0.5");
        assertThat(kpis.perfectOrderRate()).isEqualByComparingTo("0.5");
        assertThat(kpis.pickAccuracy()).isEqualByComparingTo("0.75");
        assertThat(kpis.unitsPerLaborHour()).isEqualByComparingTo("20");
        assertThat(kpis.returnRate()).isEqualByComparingTo("0.25");
        assertThat(kpis.inventoryAccuracy()).isNull();
        assertThat(kpis.orderCycleTimeMinutes().avg()).isEqualByComparingTo("2");
        assertThat(kpis.orderCycleTimeMinutes().p50().doubleValue()).isBetween(1.0, 1.01);
        assertThat(kpis.orderCycleTimeMinutes().p95().doubleValue()).isBetween(3.0, 3.01);
        assertThat(kpis.openOrdersByStatus()).containsExactly(Map.entry("PLACED", 0L), Map.entry("ALLOCATED", 0L),
                Map.entry("BACKORDERED", 0L), Map.entry("PICKING", 2L), Map.entry("PACKED", 0L),
                Map.entry("PARTIALLY_SHIPPED", 0L));
        assertThat(kpis.hourly()).containsExactly(new Kpis.Hour(TEN, 3, 1, 0), new Kpis.Hour(ELEVEN, 0, 1, 10));
    }

    @Test
    void anEmptyWindowHasZerosAndNulls() {
        Kpis kpis = KpiFigures.of(null, new KpiWindow(TEN, ELEVEN), Map.of(), Map.of());
        assertThat(kpis.ordersPlaced()).isZero();
        assertThat(kpis.fillRate()).isNull();
        assertThat(kpis.unitsPerLaborHour()).isNull();
        assertThat(kpis.orderCycleTimeMinutes()).isEqualTo(new Kpis.CycleTime(null, null, null));
        assertThat(kpis.hourly()).containsExactly(new Kpis.Hour(TEN, 0, 0, 0));
    }

    @Test
    void theDefaultWindowIsTheCurrentUtcDayAndLongOrBackwardWindowsAreRefused() {
        Instant now = Instant.parse("2026-03-01T23:59:59Z");
        assertThat(KpiWindow.of(null, null, now)).isEqualTo(new KpiWindow(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T00:00:00Z")));
        assertThat(KpiWindow.of(null, null, now).hours()).hasSize(24);
        assertThatThrownBy(() -> KpiWindow.of(TEN, TEN, now)).isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> KpiWindow.of(null, Instant.parse("2026-02-28T00:00:00Z"), now))
                .isInstanceOf(RejectedException.class);
        assertThatThrownBy(() -> KpiWindow.of(TEN, TEN.plus(KpiWindow.MAX_LENGTH).plusMillis(1), now))
                .isInstanceOf(RejectedException.class);
        assertThat(KpiWindow.of(TEN, TEN.plus(KpiWindow.MAX_LENGTH), now).hours()).hasSize(744);
    }

    private static KpiBucket bucket(Instant hour, Map<KpiCounter, Long> counts, Histogram cycleTimes) {
        return new KpiBucket(KpiBucket.id("W1", hour), "W1", hour, counts, CycleTimes.encode(cycleTimes), 1);
    }
}
