package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ship SLA is a setting: with 0 hours, every order fully shipped is late, and so not perfect either. */
class KpiSlaTest extends Journey {

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem("--shipjoy.sla.ship-hours=0");
    static final Api api = system.api();

    KpiSlaTest() {
        super(api);
    }

    @Test
    void withAZeroHourSlaEveryShipmentIsLate() {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        givenWarehouse("L-W", "lou", "A-01");
        givenStock("L-W", "L-SKU", 2, "A-01");
        whenPlaced("sla-1", "L-SKU", 2);
        long position = whenPickedPackedAndShipped("L-W", "lou", nextTaskFor("L-W", "lou"), "L-SKU", 2);

        JsonNode kpis = api.read("viewer", "/api/kpis?from=" + hour + "&to=" + hour.plus(Duration.ofHours(2)),
                position);
        assertThat(kpis.path("ordersShipped").asLong()).isEqualTo(1);
        assertThat(kpis.path("onTimeShipRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(kpis.path("perfectOrderRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(kpis.path("fillRate").decimalValue()).isEqualByComparingTo("1");
    }
}
