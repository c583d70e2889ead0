package com.shipjoy.command.allocation;

import java.util.List;

/** What {@link StockLevels} needs of its table; {@link StockLevelEntries} implements it with JPA. */
interface StockLevelStore {

    List<StockLevelEntry> findBySku(String sku);

    <S extends StockLevelEntry> S save(S entry);
}
