package com.shipjoy.platform.security;

/** The roles a user may have (docs/api.md, "Signing in and roles"). */
public enum Role {
    CHANNEL, AGENT, WAREHOUSE, AUDITOR, VIEWER, ADMIN
}
