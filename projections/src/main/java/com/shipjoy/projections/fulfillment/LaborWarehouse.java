package com.shipjoy.projections.fulfillment;

import com.shipjoy.projections.ReadModelCollections;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A warehouse with labor: which hours' documents a window over every warehouse reads. */
@Document(ReadModelCollections.CURRENT + LaborWarehouse.COLLECTION + ReadModelCollections.END)
public record LaborWarehouse(@Id String warehouseId) {

    public static final String COLLECTION = "labor_warehouses";
}
