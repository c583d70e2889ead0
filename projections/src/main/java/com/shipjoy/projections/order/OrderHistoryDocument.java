package com.shipjoy.projections.order;

import com.shipjoy.projections.ReadModelCollections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.lang.Nullable;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The timeline of one order: every event of the order and of what it caused, in event-store order. One document
 * per order, so an agent's lookup is a single read by id.
 */
@Document(ReadModelCollections.CURRENT + OrderHistoryDocument.COLLECTION + ReadModelCollections.END)
public record OrderHistoryDocument(@Id String orderId, List<Entry> events) {

    public static final String COLLECTION = "order_history";

    /** {@code type} is the event's name without the "Event" suffix; {@code data} its payload. */
    public record Entry(long position, Instant timestamp, String type, @Nullable String actor,
                        Map<String, Object> data) {
    }
}
