package com.shipjoy.platform.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Development users and plain passwords only on loopback; beyond it, hashed passwords only. */
class ExposureTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final InetAddress NETWORK = address(new byte[] {10, 1, 2, 3});
    private static final InetAddress EVERY_INTERFACE = address(new byte[] {0, 0, 0, 0});

    private static final UsersProperties DEV = new UsersProperties(true, Map.of());
    private static final UsersProperties PLAIN = new UsersProperties(false, Map.of("ops",
            new UsersProperties.User("{noop}secret", List.of(Role.ADMIN))));
    private static final UsersProperties HASHED = new UsersProperties(false, Map.of("ops",
            new UsersProperties.User("{bcrypt}$2a$10$abcdefghijklmnopqrstuu5sJd3K6qFz8VvUjY3lQmQmP7QcqQkT6", List.of(
                    Role.ADMIN)), "auditor", new UsersProperties.User("{argon2}$argon2id$v=19$m=16384,t=2,p=1$x$y",
            List.of(Role.AUDITOR))));

    @Test
    void onLoopbackEveryConfigurationStarts() {
        for (UsersProperties users : List.of(DEV, PLAIN, HASHED)) {
            assertThatCode(() -> Exposure.check(users, LOOPBACK)).doesNotThrowAnyException();
        }
    }

    @Test
    void beyondLoopbackTheDevelopmentUsersAreRefusedWithHowToConfigureRealOnes() {
        for (InetAddress address : new InetAddress[] {NETWORK, EVERY_INTERFACE, null}) {
            assertThatThrownBy(() -> Exposure.check(DEV, address)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("development users")
                    .hasMessageContaining("shipjoy.security.users.<name>.password={bcrypt}")
                    .hasMessageContaining("shipjoy.security.dev-users=false");
        }
    }

    @Test
    void beyondLoopbackAPlainPasswordIsRefusedAndHashedOnesStart() {
        assertThatThrownBy(() -> Exposure.check(PLAIN, NETWORK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user 'ops' has no hashed password");
        assertThatThrownBy(() -> Exposure.check(new UsersProperties(false, Map.of("ops",
                new UsersProperties.User("{sha256}abc", List.of(Role.ADMIN)))), null))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> Exposure.check(HASHED, NETWORK)).doesNotThrowAnyException();
        assertThatCode(() -> Exposure.check(HASHED, null)).doesNotThrowAnyException();
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
