package com.shipjoy.events.stock;

import com.shipjoy.events.common.Location;

/** Units to pick from one bin location. */
public record PickLocation(Location location, long quantity) {
}
