package com.shipjoy.command;

import com.shipjoy.events.common.RejectedException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The one check that a request's list names each key once (skus of order lines, cartons of a packing). */
public final class DistinctKeys {

    private DistinctKeys() {
    }

    /**
     * Rejects (400, naming {@code list[i].keyField}) the first item whose key an earlier item has already:
     * e.g. {@code require(lines, "lines", "sku", LineRequest::sku)}.
     */
    public static <T> void require(List<T> items, String list, String keyField, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String value = key.apply(items.get(i));
            if (!seen.add(value)) {
                throw RejectedException.invalid(list + "[" + i + "]." + keyField, keyField + " " + value
                        + " is listed twice");
            }
        }
    }
}
