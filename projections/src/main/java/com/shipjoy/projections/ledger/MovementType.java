package com.shipjoy.projections.ledger;

/** The kinds of stock movement in the ledger. */
public enum MovementType {
    RECEIVED, RESERVED, RELEASED, PICKED, SHIPPED, ADJUSTED, MOVED, RETURNED, WRITTEN_OFF
}
