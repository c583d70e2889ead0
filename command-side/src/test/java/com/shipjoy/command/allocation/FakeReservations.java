package com.shipjoy.command.allocation;

import java.util.List;

/** The process's record of what it reserved, in memory. */
final class FakeReservations extends InMemoryStore<ReservationEntry> implements ReservationStore {

    FakeReservations() {
        super(entry -> ReservationEntry.key(entry.orderId(), entry.sku(), entry.warehouseId()));
    }

    @Override
    public List<ReservationEntry> findByOrderId(String orderId) {
        return where(entry -> entry.orderId().equals(orderId));
    }
}
