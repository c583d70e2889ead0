package com.shipjoy.platform.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Who a request says it is, before its credentials are checked: for counting failed sign-ins. */
final class BasicUser {

    private static final String BASIC = "basic ";

    private BasicUser() {
    }

    /** The user name of the request's HTTP Basic credentials; empty without them or if they cannot be read. */
    static Optional<String> of(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BASIC.length()
                || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * The address the request came from, as the connection shows it (a proxy in front of the service would be the
     * one address of all its clients: forwarded headers are not trusted).
     */
    static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
