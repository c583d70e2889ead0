package com.shipjoy.events.returns;

/** A return's status: REQUESTED when opened, RECEIVED once its goods arrived. */
public enum ReturnStatus {
    REQUESTED, RECEIVED
}
