package com.shipjoy.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real embedded system for a whole test class, as a JUnit 5 extension: started before the class's
 * {@code @BeforeAll} methods on a fresh data directory, stopped after its last test.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.order-lists.bucket-capacity=3");
 * static final Api api = system.api();
 * </pre>
 */
public final class EmbeddedSystem implements BeforeAllCallback, AfterAllCallback {

    private final EmbeddedApp app;
    private final Api api;

    /** {@code settings}: {@code --name=value} on top of the defaults. */
    public EmbeddedSystem(String... settings) {
        this.app = EmbeddedApp.onFreshDirectory(settings);
        this.api = new Api(app);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        app.restart();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        app.close();
    }

    public EmbeddedApp app() {
        return app;
    }

    /** Calls the API of this system; usable in field initialisers, it needs the system only once a call is made. */
    public Api api() {
        return api;
    }
}
