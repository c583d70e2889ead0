package com.shipjoy.command.allocation;

import java.util.List;
import java.util.Optional;

/** What the allocation process needs of its reservations; {@link ReservationEntries} implements it with JPA. */
interface ReservationStore {

    List<ReservationEntry> findByOrderId(String orderId);

    Optional<ReservationEntry> findById(String entryKey);

    <S extends ReservationEntry> S save(S entry);

    void delete(ReservationEntry entry);

    void deleteAll(Iterable<? extends ReservationEntry> entries);
}
