package com.shipjoy.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.shipjoy.platform.Sha256;
import java.time.Duration;
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

    static final Duration TTL = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 10_000;

    private final ReactiveAuthenticationManager delegate;
    private final Cache<String, Authentication> verified;

    VerifiedCredentials(ReactiveAuthenticationManager delegate, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(MAX_ENTRIES).ticker(ticker).build();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)
                || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        String key = Sha256.hex(authentication.getName() + '\u0000' + password);
        Authentication known = verified.getIfPresent(key);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.authenticate(authentication).doOnNext(result -> verified.put(key, result));
    }
}
