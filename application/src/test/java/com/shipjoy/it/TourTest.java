package com.shipjoy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * The README's tour, {@code docs/tour.sh}, run against the started system: it checks each answer's status and the
 * figures its comments promise, and this test checks its outcome again through the API, so neither the tour nor what
 * it says can drift from the system. Run twice on the same data, as a user may: nothing of one run meets the other.
 */
class TourTest {

    private static final Path TOUR = Path.of("..", "docs", "tour.sh");

    @RegisterExtension
    static final EmbeddedSystem system = new EmbeddedSystem();
    static final Api api = system.api();

    @Test
    void theTourAnswersAsItSaysTwiceOnTheSameData() throws Exception {
        for (String run : List.of("t1", "t2")) {
            String output = tour(run);

            assertThat(output).contains("### A channel places an order for 12", "HTTP 201  X-Event-Position: ",
                    "Idempotent-Replayed: true", "\"variance\":-1", "tour: every step answered as described");
            JsonNode level = api.read("agent", "/api/inventory/MUG-" + run, api.head());
            assertThat(level.path("onHand").asLong()).isEqualTo(3);
            assertThat(level.path("reserved").asLong()).isZero();
            Map<String, String> orders = new HashMap<>();   // status -> orderId, of the run's customer
            api.read("agent", "/api/customers/C-" + run + "/orders", api.head()).path("items").forEach(order ->
                    orders.put(order.path("status").asText(), order.path("orderId").asText()));
            assertThat(orders).containsOnlyKeys("CANCELLED", "DELIVERED");
            String delivered = orders.get("DELIVERED");
            assertThat(api.read("agent", "/api/orders/" + delivered + "/history", api.head())
                    .findValuesAsText("type")).contains("OrderPlaced", "OrderBackordered", "ShipmentShipped",
                    "ReturnReceived");
            assertThat(api.read("agent", "/api/returns/RMA-" + run, api.head()).path("status").asText())
                    .isEqualTo("RECEIVED");
            assertThat(api.get("warehouse", "/api/warehouses/WH-" + run, HttpStatus.OK).json()
                    .path("workers").findValuesAsText("workerId")).containsExactly("ann-" + run);
        }
    }

    /** Runs the tour with {@code RUN=run}, fails with its output unless it ends well, and answers its output. */
    private static String tour(String run) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tour-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", TOUR.toString(), system.app().baseUrl())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("RUN", run);
        Process tour = builder.start();
        boolean ended = tour.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            tour.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended && tour.exitValue() == 0).as("the tour ended well:%n%s", output).isTrue();
        return output;
    }
}
