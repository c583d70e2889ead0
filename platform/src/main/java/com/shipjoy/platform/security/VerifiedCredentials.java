package com.shipjoy.platform.security;

import com.shipjoy.platform.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic sends the password with every request, and checking a bcrypt hash costs ~100 ms of CPU: without this,
 * authentication alone would cap the service at a few dozen requests per second per core. A successful check is
 * remembered for a short while under a SHA-256 of name and password (never the password itself); failures are not.
 */
final class VerifiedCredentials implements ReactiveAuthenticationManager {

    private static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_ENTRIES = 10_000;

    private final ReactiveAuthenticationManager delegate;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedCredentials(ReactiveAuthenticationManager delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    private record Verified(Authentication authentication, Instant until) {
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)
                || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String key = Sha256.hex(authentication.getName() + '\u0000' + password);
        Verified known = verified.get(key);
        if (known != null && clock.instant().isBefore(known.until())) {
            return Mono.just(known.authentication());
        }
        return delegate.authenticate(authentication).doOnNext(result -> {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(key, new Verified(result, clock.instant().plus(TTL)));
        });
    }

}
