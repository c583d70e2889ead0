package com.shipjoy.events.returns;

public enum ReturnResolution {
    REFUND, EXCHANGE
}
