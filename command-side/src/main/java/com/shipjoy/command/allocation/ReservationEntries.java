package com.shipjoy.command.allocation;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReservationEntries extends JpaRepository<ReservationEntry, String>, ReservationStore {
}
