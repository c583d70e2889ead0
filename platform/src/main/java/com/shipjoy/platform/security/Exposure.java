package com.shipjoy.platform.security;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the configured users may sign in on the address the server listens on. On loopback anything goes: the
 * development users (password = name) and plain {@code {noop}} passwords are for a developer's own machine. On any
 * other address (or all of them, no {@code server.address}) the service refuses to start with either: every user must
 * be configured with a hashed password.
 */
final class Exposure {

    /** Password encodings accepted beyond loopback: bcrypt and the stronger key-derivation functions. */
    static final List<String> HASHED = List.of("{bcrypt}", "{argon2}", "{argon2@SpringSecurity_v5_8}", "{scrypt}",
            "{scrypt@SpringSecurity_v5_8}");

    private static final String HOW = "Configure real users with hashed passwords "
            + "(shipjoy.security.users.<name>.password={bcrypt}<hash>, shipjoy.security.users.<name>.roles=<ROLE,...>) "
            + "and set shipjoy.security.dev-users=false, or listen on loopback only (server.address=127.0.0.1).";

    private Exposure() {
    }

    /**
     * Throws if the users may not be offered on {@code address} (null: every interface).
     *
     * @throws IllegalStateException with what is wrong and how to configure it
     */
    static void check(UsersProperties users, InetAddress address) {
        if (address != null && address.isLoopbackAddress()) {
            return;
        }
        String where = address == null ? "every network interface" : address.getHostAddress();
        if (users.devUsers()) {
            throw new IllegalStateException("Refusing to start: the development users (password = user name) "
                    + "are on while the server listens on " + where + ", beyond loopback. " + HOW);
        }
        for (Map.Entry<String, UsersProperties.User> user : users.users().entrySet()) {
            String password = user.getValue().password() == null ? "" : user.getValue().password();
            if (HASHED.stream().noneMatch(prefix -> password.toLowerCase(Locale.ROOT).startsWith(prefix
                    .toLowerCase(Locale.ROOT)))) {
                throw new IllegalStateException("Refusing to start: user '" + user.getKey() + "' has no hashed "
                        + "password (bcrypt or stronger) while the server listens on " + where
                        + ", beyond loopback. " + HOW);
            }
        }
    }
}
