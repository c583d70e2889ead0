package com.shipjoy.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import reactor.core.publisher.Mono;

class VerifiedCredentialsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    /** Accepts the password "right" only, counting every (expensive) check. */
    private final ReactiveAuthenticationManager bcrypt = authentication -> {
        checks.incrementAndGet();
        return "right".equals(authentication.getCredentials())
                ? Mono.just(UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                List.of(new SimpleGrantedAuthority("ROLE_WAREHOUSE"))))
                : Mono.error(new BadCredentialsException("Bad credentials"));
    };
    private final VerifiedCredentials credentials = new VerifiedCredentials(bcrypt, nanos::get);

    @Test
    void aVerifiedPasswordIsCheckedOnceWithinTheTtl() {
        Authentication first = login("ann", "right");
        Authentication again = login("ann", "right");

        assertThat(checks).hasValue(1);
        assertThat(again).isSameAs(first);
        assertThat(again.isAuthenticated()).isTrue();
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        login("ann", "right");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> login("ann", "wrong")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).hasValue(4);
    }

    @Test
    void anotherUserWithTheSamePasswordIsCheckedOnItsOwn() {
        login("ann", "right");
        login("bob", "right");

        assertThat(checks).hasValue(2);
    }

    @Test
    void afterTheTtlThePasswordIsCheckedAgain() {
        login("ann", "right");
        nanos.addAndGet(VerifiedCredentials.TTL.toNanos() - 1);
        login("ann", "right");
        assertThat(checks).hasValue(1);

        nanos.addAndGet(2);
        login("ann", "right");
        assertThat(checks).hasValue(2);
    }

    private Authentication login(String name, String password) {
        return credentials.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name, password)).block();
    }
}
