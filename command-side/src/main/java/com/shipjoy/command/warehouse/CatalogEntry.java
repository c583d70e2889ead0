package com.shipjoy.command.warehouse;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One fact of the catalog, as a key: {@code W|wh}, {@code L|wh|location}, {@code K|wh|worker}. */
@Entity
@Table(name = "warehouse_catalog")
class CatalogEntry {

    @Id
    private String entryKey;

    protected CatalogEntry() {
    }

    CatalogEntry(String entryKey) {
        this.entryKey = entryKey;
    }
}
