package com.shipjoy.command.allocation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface StockLevelEntries extends JpaRepository<StockLevelEntry, String> {

    List<StockLevelEntry> findBySku(String sku);
}
