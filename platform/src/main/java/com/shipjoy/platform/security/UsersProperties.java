package com.shipjoy.platform.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shipjoy.security.users.<name>.password} (a Spring password-encoder string such as {@code {bcrypt}…} or
 * {@code {noop}…}) and {@code .roles}. With {@code dev-users: true} the development users are added,
 * each named after its role with its name as password.
 */
@ConfigurationProperties("shipjoy.security")
public record UsersProperties(boolean devUsers, Map<String, User> users) {

    public UsersProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record User(String password, List<Role> roles) {
    }
}
