package com.shipjoy.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shipjoy.security.sign-in}: how failed sign-ins are throttled ({@link SignInThrottle}). Failures count per
 * user name and per client address while they come less than {@code window} apart. From failure {@code slowAfter}
 * on, each failed answer waits {@code slowdown} more (at most {@code maxSlowdown}); at {@code refuseAfter} failures of
 * one user name, or {@code addressRefuseAfter} from one address, sign-ins of that name or from that address are
 * answered 429 for {@code refusal}, the right password included, after which counting starts over.
 */
@ConfigurationProperties("shipjoy.security.sign-in")
public record SignInProperties(@DefaultValue("3") int slowAfter, @DefaultValue("5") int refuseAfter,
                               @DefaultValue("20") int addressRefuseAfter, @DefaultValue("PT15M") Duration window,
                               @DefaultValue("PT1M") Duration refusal, @DefaultValue("PT0.25S") Duration slowdown,
                               @DefaultValue("PT2S") Duration maxSlowdown, @DefaultValue("10000") int maxTracked) {

    public SignInProperties {
        if (slowAfter < 0 || refuseAfter < 1 || addressRefuseAfter < 1 || maxTracked < 1 || window.isNegative()
                || refusal.isNegative() || slowdown.isNegative() || maxSlowdown.isNegative()) {
            throw new IllegalArgumentException("shipjoy.security.sign-in: counts must be positive, durations not "
                    + "negative");
        }
    }
}
