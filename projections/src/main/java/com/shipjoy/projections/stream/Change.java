package com.shipjoy.projections.stream;

import java.util.List;

/**
 * A view's document after a change, as a stream's client receives it: serialized once, when its projection wrote
 * it, and sent as is to every client.
 *
 * @param position the event-store position it reflects: the last event of its batch that changed the document
 * @param key      the document's id (orderId, sku)
 * @param scopes   what a stream may filter on besides the key (see {@link View})
 * @param json     the document, as the query API answers it
 */
public record Change(long position, String key, List<String> scopes, String json) {

    public Change {
        scopes = List.copyOf(scopes);
    }
}
