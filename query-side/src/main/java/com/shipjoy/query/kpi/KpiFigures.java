package com.shipjoy.query.kpi;

import static com.shipjoy.projections.kpi.KpiCounter.ACCURATE_COUNTS;
import static com.shipjoy.projections.kpi.KpiCounter.ACCURATE_PICKS;
import static com.shipjoy.projections.kpi.KpiCounter.COUNTS;
import static com.shipjoy.projections.kpi.KpiCounter.CYCLE_MILLIS;
import static com.shipjoy.projections.kpi.KpiCounter.LABOR_MILLIS;
import static com.shipjoy.projections.kpi.KpiCounter.ORDERS_BACKORDERED_AT_PLACEMENT;
import static com.shipjoy.projections.kpi.KpiCounter.ORDERS_ON_TIME;
import static com.shipjoy.projections.kpi.KpiCounter.ORDERS_PLACED;
import static com.shipjoy.projections.kpi.KpiCounter.ORDERS_SHIPPED;
import static com.shipjoy.projections.kpi.KpiCounter.PERFECT_ORDERS;
import static com.shipjoy.projections.kpi.KpiCounter.PICKS;
import static com.shipjoy.projections.kpi.KpiCounter.UNITS_ALLOCATED_AT_PLACEMENT;
import static com.shipjoy.projections.kpi.KpiCounter.UNITS_ORDERED;
import static com.shipjoy.projections.kpi.KpiCounter.UNITS_PICKED;
import static com.shipjoy.projections.kpi.KpiCounter.UNITS_RETURNED;
import static com.shipjoy.projections.kpi.KpiCounter.UNITS_SHIPPED;

import com.shipjoy.events.order.OrderStatus;
import com.shipjoy.projections.kpi.CycleTimes;
import com.shipjoy.projections.kpi.KpiBucket;
import com.shipjoy.projections.kpi.KpiCounter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The KPI formulas over a window's hourly buckets: plain arithmetic, no I/O. */
public final class KpiFigures {

    /** Orders not yet fully shipped nor cancelled, in the order they move through fulfillment. */
    static final List<OrderStatus> OPEN = List.of(OrderStatus.PLACED, OrderStatus.ALLOCATED, OrderStatus.BACKORDERED,
            OrderStatus.PICKING, OrderStatus.PACKED, OrderStatus.PARTIALLY_SHIPPED);

    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private KpiFigures() {
    }

    /** {@code buckets}: the window's stored buckets by hour (hours without events have none). */
    static Kpis of(String warehouseId, KpiWindow window, Map<Instant, KpiBucket> buckets,
                   Map<OrderStatus, Long> statuses) {
        Map<KpiCounter, Long> sums = new EnumMap<>(KpiCounter.class);
        Histogram cycleTimes = CycleTimes.empty();
        List<Kpis.Hour> hourly = new ArrayList<>();
        for (Instant hour : window.hours()) {
            KpiBucket bucket = buckets.get(hour);
            Map<KpiCounter, Long> counts = bucket != null ? bucket.counts() : Map.of();
            counts.forEach((counter, value) -> sums.merge(counter, value, Long::sum));
            if (bucket != null && bucket.cycleTimes() != null) {
                cycleTimes.add(CycleTimes.decode(bucket.cycleTimes()));
            }
            hourly.add(new Kpis.Hour(hour, counts.getOrDefault(ORDERS_PLACED, 0L),
                    counts.getOrDefault(ORDERS_SHIPPED, 0L), counts.getOrDefault(UNITS_PICKED, 0L)));
        }
        long shipped = sum(sums, ORDERS_SHIPPED);
        Map<String, Long> open = new LinkedHashMap<>();
        OPEN.forEach(status -> open.put(status.name(), statuses.getOrDefault(status, 0L)));
        return new Kpis(warehouseId, window.from(), window.to(), sum(sums, ORDERS_PLACED), shipped,
                sum(sums, UNITS_SHIPPED),
                rate(sum(sums, UNITS_ALLOCATED_AT_PLACEMENT), sum(sums, UNITS_ORDERED)),
                rate(sum(sums, ORDERS_BACKORDERED_AT_PLACEMENT), sum(sums, ORDERS_PLACED)),
                cycleTime(sum(sums, CYCLE_MILLIS), shipped, cycleTimes),
                rate(sum(sums, ORDERS_ON_TIME), shipped),
                rate(sum(sums, ACCURATE_PICKS), sum(sums, PICKS)),
                perHour(sum(sums, UNITS_PICKED), sum(sums, LABOR_MILLIS)),
                rate(sum(sums, ACCURATE_COUNTS), sum(sums, COUNTS)),
                rate(sum(sums, UNITS_RETURNED), sum(sums, UNITS_SHIPPED)),
                rate(sum(sums, PERFECT_ORDERS), shipped), open, hourly);
    }

    /** 4 decimals; null for a zero denominator. */
    static BigDecimal rate(long numerator, long denominator) {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    /** Units per hour of {@code millis}, 2 decimals; null without time. */
    public static BigDecimal perHour(long units, long millis) {
        return millis == 0 ? null : BigDecimal.valueOf(units).multiply(MILLIS_PER_HOUR)
                .divide(BigDecimal.valueOf(millis), 2, RoundingMode.HALF_UP);
    }

    /** The average is exact (the millis added up); the percentiles come from the histogram, within 0.1%. */
    static Kpis.CycleTime cycleTime(long totalMillis, long orders, Histogram histogram) {
        if (orders == 0) {
            return new Kpis.CycleTime(null, null, null);
        }
        return new Kpis.CycleTime(minutes(BigDecimal.valueOf(totalMillis).divide(BigDecimal.valueOf(orders), 4,
                RoundingMode.HALF_UP)), minutes(BigDecimal.valueOf(histogram.getValueAtPercentile(50))),
                minutes(BigDecimal.valueOf(histogram.getValueAtPercentile(95))));
    }

    /** Minutes of {@code millis}, 2 decimals. */
    public static BigDecimal minutes(BigDecimal millis) {
        return millis.divide(MILLIS_PER_MINUTE, 2, RoundingMode.HALF_UP);
    }

    private static long sum(Map<KpiCounter, Long> sums, KpiCounter counter) {
        return sums.getOrDefault(counter, 0L);
    }
}
