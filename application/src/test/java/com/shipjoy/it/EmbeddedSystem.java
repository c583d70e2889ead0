package com.shipjoy.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
    /** A zip of a data directory (a classpath resource) to start on, or null for an empty one. */
    private final String seed;

    /** {@code settings}: {@code --name=value} on top of the defaults. */
    public EmbeddedSystem(String... settings) {
        this(null, settings);
    }

    private EmbeddedSystem(String seed, String... settings) {
        this.app = EmbeddedApp.onFreshDirectory(settings);
        this.api = new Api(app);
        this.seed = seed;
    }

    /** Started on a copy of the data directory zipped in classpath resource {@code zip}. */
    public static EmbeddedSystem onCopyOf(String zip, String... settings) {
        return new EmbeddedSystem(zip, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (seed != null) {
            unzip(seed, app.dataDir());
        }
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

    private static void unzip(String resource, Path into) throws IOException {
        try (InputStream in = EmbeddedSystem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("No resource " + resource));
            }
            try (ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Files.copy(zip, into.resolve(Path.of(entry.getName()).getFileName()));
                }
            }
        }
    }
}
