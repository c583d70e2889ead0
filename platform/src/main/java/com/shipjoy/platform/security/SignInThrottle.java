package com.shipjoy.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins per user name and per client address (see {@link SignInProperties}), in two bounded Caffeine caches
 * whose entries expire a {@code window} after their last failure. Guessing passwords gets slower with every failure,
 * then is refused for a while; a successful sign-in is never slowed and clears its user name's count. A burst of
 * failures is logged once, when it starts, and again if it is refused; never with a password.
 */
final class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** One user name's or address's failures in the current burst; {@code refusedUntil} in ticker nanoseconds. */
    private static final class Failures {
        int count;
        long refusedUntil = Long.MIN_VALUE;
    }

    private final SignInProperties settings;
    private final Ticker ticker;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> addresses;
    private final Counter failed;
    private final Counter refused;

    SignInThrottle(SignInProperties settings, Ticker ticker, MeterRegistry meters) {
        this.settings = settings;
        this.ticker = ticker;
        this.users = cache(settings, ticker);
        this.addresses = cache(settings, ticker);
        this.failed = Counter.builder("shipjoy.sign_in.failures").description("Failed HTTP Basic sign-ins")
                .register(meters);
        this.refused = Counter.builder("shipjoy.sign_in.refusals")
                .description("Sign-ins answered 429 while their user name or address was refused").register(meters);
        Gauge.builder("shipjoy.sign_in.tracked", this, throttle -> throttle.users.estimatedSize()
                        + throttle.addresses.estimatedSize())
                .description("User names and client addresses with recent failed sign-ins (bounded)")
                .register(meters);
    }

    private static Cache<String, Failures> cache(SignInProperties settings, Ticker ticker) {
        return Caffeine.newBuilder().expireAfterWrite(settings.window().plus(settings.refusal()))
                .maximumSize(settings.maxTracked()).ticker(ticker).build();
    }

    /** How long sign-ins of {@code user} or from {@code address} are still refused; empty if they are not. */
    Optional<Duration> refusal(String user, String address) {
        long now = ticker.read();
        long left = Math.max(remaining(users.getIfPresent(user), now), remaining(addresses.getIfPresent(address), now));
        if (left <= 0) {
            return Optional.empty();
        }
        refused.increment();
        return Optional.of(Duration.ofNanos(left));
    }

    private static long remaining(Failures failures, long now) {
        if (failures == null) {
            return 0;
        }
        synchronized (failures) {
            return failures.refusedUntil == Long.MIN_VALUE ? 0 : failures.refusedUntil - now;
        }
    }

    /** Counts a failed sign-in; answers how long its answer should wait. */
    Duration failed(String user, String address) {
        failed.increment();
        int byUser = count(users, user, settings.refuseAfter());
        int byAddress = count(addresses, address, settings.addressRefuseAfter());
        if (byAddress == 1) {
            log.warn("Failed sign-in for user name '{}' from {}; further failures from there within {} are counted, "
                    + "not logged", printable(user), address, settings.window());
        }
        if (byUser == settings.refuseAfter()) {
            log.warn("Sign-ins for user name '{}' refused for {} after {} failures (the last from {})",
                    printable(user), settings.refusal(), byUser, address);
        }
        if (byAddress == settings.addressRefuseAfter()) {
            log.warn("Sign-ins from {} refused for {} after {} failures", address, settings.refusal(), byAddress);
        }
        int over = Math.max(byUser, byAddress) - settings.slowAfter();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration wait = settings.slowdown().multipliedBy(over);
        return wait.compareTo(settings.maxSlowdown()) > 0 ? settings.maxSlowdown() : wait;
    }

    /** A user name as sent (anyone's input): printable characters only, at most 64, for the log. */
    private static String printable(String user) {
        String cleaned = user.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
    }

    /** A successful sign-in: its user name's burst is over (its address's is not: other names may be guessed). */
    void succeeded(String user) {
        users.invalidate(user);
    }

    /** The key's failures in its burst, this one included; the refusal starts at the {@code refuseAfter}th. */
    private int count(Cache<String, Failures> cache, String key, int refuseAfter) {
        Failures failures = cache.get(key, k -> new Failures());
        long now = ticker.read();
        int count;
        synchronized (failures) {
            if (failures.refusedUntil != Long.MIN_VALUE && failures.refusedUntil - now <= 0) {
                failures.count = 0; // a refusal served: counting starts over
                failures.refusedUntil = Long.MIN_VALUE;
            }
            count = ++failures.count;
            if (count == refuseAfter) {
                failures.refusedUntil = now + settings.refusal().toNanos();
            }
        }
        cache.put(key, failures); // the window runs from the last failure
        return count;
    }
}
