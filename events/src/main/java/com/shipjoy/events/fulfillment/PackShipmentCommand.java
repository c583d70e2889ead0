package com.shipjoy.events.fulfillment;

import com.shipjoy.events.common.ShipmentId;
import java.util.List;

/** The cartons must hold exactly what was picked. */
public record PackShipmentCommand(ShipmentId shipmentId, List<Carton> cartons) implements ShipmentCommand {

    public PackShipmentCommand {
        cartons = List.copyOf(cartons);
    }
}
