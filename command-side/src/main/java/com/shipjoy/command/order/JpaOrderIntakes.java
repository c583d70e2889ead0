package com.shipjoy.command.order;

import com.shipjoy.command.Lookups;
import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.order.ExternalOrderId;
import com.shipjoy.events.order.OrderPlacedEvent;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Kept by a subscribing processor whose failures fail the command (see CommandSideConfig). */
@Component
@ProcessingGroup(Lookups.ORDER_INTAKE)
class JpaOrderIntakes implements OrderIntakes {


    private final IntakeEntries entries;
    private final EntityManager entityManager;

    JpaOrderIntakes(IntakeEntries entries, EntityManager entityManager) {
        this.entries = entries;
        this.entityManager = entityManager;
    }

    /** persist, not save: a second intake of the pair must violate the primary key, not overwrite the first. */
    @EventHandler
    void on(OrderPlacedEvent event) {
        entityManager.persist(new IntakeEntry(pairKey(event.channel(), event.externalOrderId()),
                event.orderId().value(), event.contentDigest()));
        entityManager.flush();
    }

    @Override
    public Optional<Intake> find(Channel channel, ExternalOrderId externalOrderId) {
        return entries.findById(pairKey(channel, externalOrderId))
                .map(entry -> new Intake(new OrderId(entry.orderId()), entry.contentDigest()));
    }

    private static String pairKey(Channel channel, ExternalOrderId externalOrderId) {
        return channel.value() + "|" + externalOrderId.value();
    }
}
