package com.shipjoy.command.allocation;

import org.springframework.data.jpa.repository.JpaRepository;

interface StockLevelEntries extends JpaRepository<StockLevelEntry, String>, StockLevelStore {
}
