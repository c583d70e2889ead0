package com.shipjoy.command.order;

import com.shipjoy.events.common.Channel;
import com.shipjoy.events.common.OrderId;
import com.shipjoy.events.order.ExternalOrderId;
import java.util.Optional;

/**
 * Which (channel, externalOrderId) pairs were taken, by which order and with which content: set-based validation for
 * order intake. Updated in the transaction that stores the OrderPlacedEvent, under a primary key on the pair, so two
 * concurrent intakes of one pair cannot both commit.
 */
public interface OrderIntakes {

    record Intake(OrderId orderId, String contentDigest) {
    }

    Optional<Intake> find(Channel channel, ExternalOrderId externalOrderId);
}
