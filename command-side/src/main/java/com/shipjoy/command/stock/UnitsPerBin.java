package com.shipjoy.command.stock;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Units of one order by bin, bins in walking order (by name): those held for its pick tasks, or those it has at
 * OUTBOUND by the bin they were picked from. A bin left without units is forgotten. Part of Stock's snapshot.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class UnitsPerBin {

    private TreeMap<String, Long> units = new TreeMap<>();

    long total() {
        return units.values().stream().mapToLong(Long::longValue).sum();
    }

    long at(String bin) {
        return units.getOrDefault(bin, 0L);
    }

    boolean isEmpty() {
        return units.isEmpty();
    }

    void add(String bin, long quantity) {
        units.merge(bin, quantity, Long::sum);
    }

    /** Takes the given units per bin, at most what a bin holds. */
    void take(Map<String, Long> taken) {
        taken.forEach((bin, quantity) -> {
            long left = at(bin) - quantity;
            if (left > 0) {
                units.put(bin, left);
            } else {
                units.remove(bin);
            }
        });
    }

    /** What to take, per bin, to leave at most {@code keep} units: the last bins in walking order first. */
    Map<String, Long> beyond(long keep) {
        Map<String, Long> taken = new LinkedHashMap<>();
        long over = total() - Math.max(keep, 0);
        for (Map.Entry<String, Long> bin : units.descendingMap().entrySet()) {
            if (over <= 0) {
                break;
            }
            long take = Math.min(over, bin.getValue());
            taken.put(bin.getKey(), take);
            over -= take;
        }
        return taken;
    }

    /** By value: Axon's test fixture compares the state a command leaves with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnitsPerBin that && units.equals(that.units);
    }

    @Override
    public int hashCode() {
        return units.hashCode();
    }
}
