package com.shipjoy.platform.security;

/** The roles of contract §3. */
public enum Role {
    CHANNEL, AGENT, WAREHOUSE, AUDITOR, VIEWER, ADMIN
}
