package com.shipjoy.events.returns;

/** A return's status (contract §10): REQUESTED when opened, RECEIVED once its goods arrived. */
public enum ReturnStatus {
    REQUESTED, RECEIVED
}
