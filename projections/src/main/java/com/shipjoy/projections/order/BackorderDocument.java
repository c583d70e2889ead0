package com.shipjoy.projections.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Units of a sku an order waits for ({orderId, sku, quantity, placedAt}; the key stays inside). */
@Document(ReadModelCollections.CURRENT + BackorderDocument.COLLECTION + ReadModelCollections.END)
public record BackorderDocument(@Id @JsonIgnore String id, String orderId, String sku, long quantity,
                                Instant placedAt) {

    public static final String COLLECTION = "backorders";

    static String id(String orderId, String sku) {
        return orderId + "|" + sku;
    }
}
