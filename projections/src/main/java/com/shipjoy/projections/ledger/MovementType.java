package com.shipjoy.projections.ledger;

/** The kinds of stock movement in the ledger (contract §5). */
public enum MovementType {
    RECEIVED, RESERVED, RELEASED, PICKED, SHIPPED, ADJUSTED, MOVED, RETURNED, WRITTEN_OFF
}
