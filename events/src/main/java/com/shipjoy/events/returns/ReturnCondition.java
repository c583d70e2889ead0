package com.shipjoy.events.returns;

/** SELLABLE units go back into available stock; DAMAGED ones are written off. */
public enum ReturnCondition {
    SELLABLE, DAMAGED
}
