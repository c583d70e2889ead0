package com.shipjoy.events.order;

public record ShipTo(String name, String line1, String city, String postalCode, String country) {
}
