package com.shipjoy.command.stock;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock's books of what each order holds: the units reserved for it, of which some may be held in bins for its pick
 * tasks (planned) and some picked to OUTBOUND (by the bin they came from) until they ship. Stock decides and records
 * its events here; the books only add up. Part of Stock's snapshot.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Reservations {

    /** Per order, in the order the reservations were first made: a count shortfall revokes the newest first. */
    private LinkedHashMap<String, Long> reserved = new LinkedHashMap<>();
    private Map<String, UnitsPerBin> planned = new HashMap<>();
    private Map<String, UnitsPerBin> picked = new HashMap<>();

    long reservedBy(String orderId) {
        return reserved.getOrDefault(orderId, 0L);
    }

    long plannedBy(String orderId) {
        return of(planned, orderId).total();
    }

    long plannedBy(String orderId, String bin) {
        return of(planned, orderId).at(bin);
    }

    long pickedBy(String orderId) {
        return of(picked, orderId).total();
    }

    /** Reserved for the order and not picked yet. */
    long unpicked(String orderId) {
        return reservedBy(orderId) - pickedBy(orderId);
    }

    /** Held in the bin for the pick tasks of any order. */
    long plannedAt(String bin) {
        return planned.values().stream().mapToLong(units -> units.at(bin)).sum();
    }

    /** The orders holding reservations, the newest first. */
    List<String> newestFirst() {
        List<String> orders = new ArrayList<>(reserved.keySet());
        Collections.reverse(orders);
        return orders;
    }

    /** The picked units of the order, by bin, that must go back to their bins for it to keep {@code keeps} reserved. */
    Map<String, Long> picksBeyond(String orderId, long keeps) {
        return of(picked, orderId).beyond(keeps);
    }

    void reserve(String orderId, long quantity) {
        reserved.merge(orderId, quantity, Long::sum);
    }

    /**
     * The order keeps what is left: its picked units beyond that have gone back to their bins (Stock moves them
     * first), and its plans beyond what is left to pick are dropped.
     */
    void release(String orderId, long quantity) {
        long keeps = Math.max(reduce(orderId, quantity), 0);
        take(picked, orderId, picksBeyond(orderId, keeps));
        take(planned, orderId, of(planned, orderId).beyond(keeps - pickedBy(orderId)));
    }

    void plan(String orderId, String bin, long quantity) {
        planned.computeIfAbsent(orderId, order -> new UnitsPerBin()).add(bin, quantity);
    }

    void closePlan(String orderId, String bin, long quantity) {
        take(planned, orderId, Map.of(bin, quantity));
    }

    void pick(String orderId, String bin, long quantity) {
        picked.computeIfAbsent(orderId, order -> new UnitsPerBin()).add(bin, quantity);
    }

    /** Shipped units leave OUTBOUND and the reservation. */
    void ship(String orderId, long quantity) {
        reduce(orderId, quantity);
        take(picked, orderId, of(picked, orderId).beyond(pickedBy(orderId) - quantity));
    }

    /** Answers what the order has left reserved; an order left with none is forgotten. */
    private long reduce(String orderId, long quantity) {
        long left = reservedBy(orderId) - quantity;
        if (left > 0) {
            reserved.put(orderId, left);
        } else {
            reserved.remove(orderId);
        }
        return left;
    }

    private static UnitsPerBin of(Map<String, UnitsPerBin> perOrder, String orderId) {
        return perOrder.getOrDefault(orderId, new UnitsPerBin());
    }

    private static void take(Map<String, UnitsPerBin> perOrder, String orderId, Map<String, Long> taken) {
        UnitsPerBin units = perOrder.get(orderId);
        if (units == null) {
            return;
        }
        units.take(taken);
        if (units.isEmpty()) {
            perOrder.remove(orderId);
        }
    }
}
