package com.shipjoy.command.allocation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReservationEntries extends JpaRepository<ReservationEntry, String> {

    List<ReservationEntry> findByOrderId(String orderId);
}
