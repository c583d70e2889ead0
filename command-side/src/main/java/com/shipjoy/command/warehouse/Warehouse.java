package com.shipjoy.command.warehouse;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.shipjoy.events.common.Location;
import com.shipjoy.events.common.RejectedException;
import com.shipjoy.events.common.WarehouseId;
import com.shipjoy.events.warehouse.AddLocationsCommand;
import com.shipjoy.events.warehouse.Created;
import com.shipjoy.events.warehouse.LocationsAddedEvent;
import com.shipjoy.events.warehouse.RegisterWarehouseCommand;
import com.shipjoy.events.warehouse.RegisterWorkerCommand;
import com.shipjoy.events.warehouse.WarehouseRegisteredEvent;
import com.shipjoy.events.warehouse.WorkerRegisteredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A warehouse: its bin locations and its workers. Registering the same warehouse twice is idempotent. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Warehouse {

    @AggregateIdentifier
    private WarehouseId warehouseId;
    /** What was registered, to tell a repeated registration from a conflicting one. */
    private String registeredName;
    private Set<String> registeredLocations;
    private Set<String> locations = new HashSet<>();
    private Map<String, String> workers = new HashMap<>();

    Warehouse() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Created handle(RegisterWarehouseCommand command) {
        List<Location> requested = withStaging(command.locations());
        if (warehouseId != null) {
            if (registeredName.equals(command.name()) && registeredLocations.equals(names(requested))) {
                return Created.REPEATED;
            }
            throw RejectedException.conflict("Warehouse " + warehouseId + " is already registered with other content.");
        }
        apply(new WarehouseRegisteredEvent(command.warehouseId(), command.name(), requested));
        return Created.NEW;
    }

    @CommandHandler
    void handle(AddLocationsCommand command) {
        List<Location> added = command.locations().stream().distinct()
                .filter(location -> !locations.contains(location.value())).toList();
        if (!added.isEmpty()) {
            apply(new LocationsAddedEvent(warehouseId, added));
        }
    }

    @CommandHandler
    Created handle(RegisterWorkerCommand command) {
        String known = workers.get(command.workerId().value());
        if (known == null) {
            apply(new WorkerRegisteredEvent(warehouseId, command.workerId(), command.name()));
            return Created.NEW;
        }
        if (known.equals(command.name())) {
            return Created.REPEATED;
        }
        throw RejectedException.conflict("Worker " + command.workerId() + " is already registered in warehouse "
                + warehouseId + " under another name.");
    }

    @EventSourcingHandler
    void on(WarehouseRegisteredEvent event) {
        warehouseId = event.warehouseId();
        registeredName = event.name();
        registeredLocations = names(event.locations());
        locations = new HashSet<>(registeredLocations);
    }

    @EventSourcingHandler
    void on(LocationsAddedEvent event) {
        locations.addAll(names(event.locations()));
    }

    @EventSourcingHandler
    void on(WorkerRegisteredEvent event) {
        workers.put(event.workerId().value(), event.name());
    }

    /** The requested locations without repeats, plus the staging location every warehouse has. */
    private static List<Location> withStaging(List<Location> requested) {
        Set<Location> all = new LinkedHashSet<>(requested);
        all.add(Location.OUTBOUND);
        return new ArrayList<>(all);
    }

    private static Set<String> names(List<Location> locations) {
        Set<String> names = new HashSet<>();
        locations.forEach(location -> names.add(location.value()));
        return names;
    }
}
