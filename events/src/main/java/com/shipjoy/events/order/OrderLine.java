package com.shipjoy.events.order;

import com.shipjoy.events.common.InvalidValueException;
import com.shipjoy.events.common.Quantity;
import com.shipjoy.events.common.Sku;
import java.util.regex.Pattern;

/** A sku ordered at a unit price: a non-negative decimal string with at most 4 fraction digits, and its currency. */
public record OrderLine(Sku sku, Quantity quantity, String unitPrice, String currency) {

    private static final Pattern PRICE = Pattern.compile("^[0-9]{1,15}(\\.[0-9]{1,4})?$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    public OrderLine {
        if (unitPrice == null || !PRICE.matcher(unitPrice).matches()) {
            throw new InvalidValueException("unitPrice", "must be a non-negative decimal with at most 4 fraction digits");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new InvalidValueException("currency", "must be three capital letters");
        }
    }
}
