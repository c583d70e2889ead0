package com.shipjoy.command.allocation;

import java.util.Comparator;
import java.util.List;

/** The backorder queue in memory, in the order {@link AllocationStoresJpaTest} checks the JPA query gives. */
final class FakeBackorders extends InMemoryStore<BackorderEntry> implements BackorderStore {

    FakeBackorders() {
        super(entry -> BackorderEntry.key(entry.orderId(), entry.sku()));
    }

    @Override
    public List<BackorderEntry> findBySkuOrderByQueuedAtAscOrderIdAsc(String sku) {
        return where(entry -> entry.sku().equals(sku)).stream().sorted(Comparator
                .comparingLong(BackorderEntry::queuedAt).thenComparing(BackorderEntry::orderId)).toList();
    }

    @Override
    public List<BackorderEntry> findByOrderId(String orderId) {
        return where(entry -> entry.orderId().equals(orderId));
    }
}
