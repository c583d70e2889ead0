package com.shipjoy.command.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "order_intake")
class IntakeEntry {

    /** channel + '|' + externalOrderId: a channel has no '|', so the first one splits the pair unambiguously. */
    @Id
    @Column(length = 200)
    private String pairKey;
    private String orderId;
    private String contentDigest;

    protected IntakeEntry() {
    }

    IntakeEntry(String pairKey, String orderId, String contentDigest) {
        this.pairKey = pairKey;
        this.orderId = orderId;
        this.contentDigest = contentDigest;
    }

    String orderId() {
        return orderId;
    }

    String contentDigest() {
        return contentDigest;
    }
}
