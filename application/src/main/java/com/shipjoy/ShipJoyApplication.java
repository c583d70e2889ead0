package com.shipjoy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The embedded default: command side, projections and query side in one JVM. */
@SpringBootApplication
public class ShipJoyApplication {

    public static void main(String[] args) {
        quietAxon();
        SpringApplication.run(ShipJoyApplication.class, args);
    }

    /** Axon must never call out: no update check, no console banner. Set before Axon's classes load. */
    public static void quietAxon() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
