package com.shipjoy.command.returns;

import com.shipjoy.command.Lookups;
import com.shipjoy.events.common.RmaId;
import com.shipjoy.events.returns.ReturnRequestedEvent;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Kept by a subscribing processor whose failures fail the command (see CommandSideConfig). */
@Component
@ProcessingGroup(Lookups.RETURN_IDS)
class JpaReturnIds implements ReturnIds {


    private final ReturnIdEntries entries;
    private final EntityManager entityManager;

    JpaReturnIds(ReturnIdEntries entries, EntityManager entityManager) {
        this.entries = entries;
        this.entityManager = entityManager;
    }

    /** persist, not save: the same rmaId opened on two orders at once must violate the primary key. */
    @EventHandler
    void on(ReturnRequestedEvent event) {
        entityManager.persist(new ReturnIdEntry(event.rmaId().value(), event.orderId().value()));
        entityManager.flush();
    }

    @Override
    public Optional<String> orderOf(RmaId rmaId) {
        return entries.findById(rmaId.value()).map(ReturnIdEntry::orderId);
    }
}
