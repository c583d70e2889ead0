package com.shipjoy.command.allocation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface BackorderEntries extends JpaRepository<BackorderEntry, String> {

    List<BackorderEntry> findBySkuOrderByQueuedAtAscOrderIdAsc(String sku);

    List<BackorderEntry> findByOrderId(String orderId);
}
