package com.shipjoy.events.fulfillment;

import java.util.List;

public record Carton(String cartonId, long weightGrams, List<CartonLine> lines) {

    public Carton {
        lines = List.copyOf(lines);
    }
}
