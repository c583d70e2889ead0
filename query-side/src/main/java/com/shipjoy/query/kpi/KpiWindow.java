package com.shipjoy.query.kpi;

import com.shipjoy.events.common.RejectedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A KPI window {@code [from, to)}: by default the current UTC day (a missing bound is that day's), at most
 * {@link #MAX_LENGTH} long, so that a window reads a bounded number of hourly buckets.
 */
public record KpiWindow(Instant from, Instant to) {

    public static final Duration MAX_LENGTH = Duration.ofDays(31);

    /** What the OpenAPI description says of {@code from} and {@code to}. */
    public static final String DESCRIPTION = "from (inclusive) and to (exclusive) are ISO-8601 instants; by default "
            + "the current UTC day (a missing bound is that day's start or end); from must be before to, and the "
            + "window at most 31 days long (else 400).";

    /** {@code from}, {@code to}: as given, null for the default; {@code now} decides the current day. */
    public static KpiWindow of(Instant from, Instant to, Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        KpiWindow window = new KpiWindow(from != null ? from : today, to != null ? to : today.plus(Duration.ofDays(1)));
        if (!window.from.isBefore(window.to)) {
            throw RejectedException.invalid(to != null ? "to" : "from", "from must be before to");
        }
        if (Duration.between(window.from, window.to).compareTo(MAX_LENGTH) > 0) {
            throw RejectedException.invalid("to", "the window may be at most 31 days long");
        }
        return window;
    }

    /** The UTC hours the window overlaps, oldest first: a window that cuts through an hour includes it. */
    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour.isBefore(to);
             hour = hour.plus(Duration.ofHours(1))) {
            hours.add(hour);
        }
        return hours;
    }
}
