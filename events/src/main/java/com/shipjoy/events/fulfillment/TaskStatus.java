package com.shipjoy.events.fulfillment;

/**
 * A pick task's status: OPEN until a worker takes it (ASSIGNED), DONE once confirmed (a short pick
 * too), CANCELLED with its order or shipment. DONE and CANCELLED are final.
 */
public enum TaskStatus {
    OPEN, ASSIGNED, DONE, CANCELLED;

    /** Still to be picked: open or assigned. */
    public boolean pending() {
        return this == OPEN || this == ASSIGNED;
    }
}
