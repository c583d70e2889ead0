package com.shipjoy.command.allocation;

import java.util.List;
import java.util.Optional;

/** What the allocation process needs of the backorder queue; {@link BackorderEntries} implements it with JPA. */
interface BackorderStore {

    /** The queue for a sku, oldest turn first (queuedAt, then orderId). */
    List<BackorderEntry> findBySkuOrderByQueuedAtAscOrderIdAsc(String sku);

    List<BackorderEntry> findByOrderId(String orderId);

    Optional<BackorderEntry> findById(String entryKey);

    <S extends BackorderEntry> S save(S entry);

    void delete(BackorderEntry entry);

    void deleteAll(Iterable<? extends BackorderEntry> entries);
}
