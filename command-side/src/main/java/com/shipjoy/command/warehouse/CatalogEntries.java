package com.shipjoy.command.warehouse;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogEntries extends JpaRepository<CatalogEntry, String> {
}
