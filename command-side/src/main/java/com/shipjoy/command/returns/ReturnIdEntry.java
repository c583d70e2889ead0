package com.shipjoy.command.returns;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "return_ids")
class ReturnIdEntry {

    @Id
    private String rmaId;
    private String orderId;

    protected ReturnIdEntry() {
    }

    ReturnIdEntry(String rmaId, String orderId) {
        this.rmaId = rmaId;
        this.orderId = orderId;
    }

    String orderId() {
        return orderId;
    }
}
