package com.shipjoy.events.order;

import com.shipjoy.events.common.CustomerId;

public record Customer(CustomerId customerId, String name, String email) {
}
