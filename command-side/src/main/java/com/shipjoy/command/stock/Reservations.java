package com.shipjoy.command.stock;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.events.common.OrderId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock's books of what each order holds: the units reserved for it, of which some may be held in bins for its pick
 * tasks (planned) and some picked to OUTBOUND (by the bin they came from) until they ship. Stock decides and records
 * its events here; the books only add up. Part of Stock's snapshot, where an order id keys a map as its plain
 * string (Jackson writes OrderId by its value and reads it back with its constructor), as before ids were typed.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Reservations {

    /** Per order, in the order the reservations were first made: a count shortfall revokes the newest first. */
    private LinkedHashMap<OrderId, Long> reserved = new LinkedHashMap<>();
    private Map<OrderId, UnitsPerBin> planned = new HashMap<>();
    private Map<OrderId, UnitsPerBin> picked = new HashMap<>();

    long reservedBy(OrderId orderId) {
        return reserved.getOrDefault(orderId, 0L);
    }

    long plannedBy(OrderId orderId) {
        return of(planned, orderId).total();
    }

    long plannedBy(OrderId orderId, String bin) {
        return of(planned, orderId).at(bin);
    }

    long pickedBy(OrderId orderId) {
        return of(picked, orderId).total();
    }

    /** Reserved for the order and not picked yet. */
    long unpicked(OrderId orderId) {
        return reservedBy(orderId) - pickedBy(orderId);
    }

    /** Held in the bin for the pick tasks of any order. */
    long plannedAt(String bin) {
        return planned.values().stream().mapToLong(units -> units.at(bin)).sum();
    }

    /** The orders holding reservations, the newest first. */
    List<OrderId> newestFirst() {
        List<OrderId> orders = new ArrayList<>(reserved.keySet());
        Collections.reverse(orders);
        return orders;
    }

    /** The picked units of the order, by bin, that must go back to their bins for it to keep {@code keeps} reserved. */
    Map<String, Long> picksBeyond(OrderId orderId, long keeps) {
        return of(picked, orderId).beyond(keeps);
    }

    void reserve(OrderId orderId, long quantity) {
        reserved.merge(orderId, quantity, Long::sum);
    }

    /**
     * The order keeps what is left: its picked units beyond that have gone back to their bins (Stock moves them
     * first), and its plans beyond what is left to pick are dropped.
     */
    void release(OrderId orderId, long quantity) {
        long keeps = Math.max(reduce(orderId, quantity), 0);
        take(picked, orderId, picksBeyond(orderId, keeps));
        take(planned, orderId, of(planned, orderId).beyond(keeps - pickedBy(orderId)));
    }

    void plan(OrderId orderId, String bin, long quantity) {
        planned.computeIfAbsent(orderId, order -> new UnitsPerBin()).add(bin, quantity);
    }

    void closePlan(OrderId orderId, String bin, long quantity) {
        take(planned, orderId, Map.of(bin, quantity));
    }

    void pick(OrderId orderId, String bin, long quantity) {
        picked.computeIfAbsent(orderId, order -> new UnitsPerBin()).add(bin, quantity);
    }

    /** Shipped units leave OUTBOUND and the reservation. */
    void ship(OrderId orderId, long quantity) {
        reduce(orderId, quantity);
        take(picked, orderId, of(picked, orderId).beyond(pickedBy(orderId) - quantity));
    }

    /** Answers what the order has left reserved; an order left with none is forgotten. */
    private long reduce(OrderId orderId, long quantity) {
        long left = reservedBy(orderId) - quantity;
        if (left > 0) {
            reserved.put(orderId, left);
        } else {
            reserved.remove(orderId);
        }
        return left;
    }

    private static UnitsPerBin of(Map<OrderId, UnitsPerBin> perOrder, OrderId orderId) {
        return perOrder.getOrDefault(orderId, new UnitsPerBin());
    }

    private static void take(Map<OrderId, UnitsPerBin> perOrder, OrderId orderId, Map<String, Long> taken) {
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
