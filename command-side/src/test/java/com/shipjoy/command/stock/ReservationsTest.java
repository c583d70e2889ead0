package com.shipjoy.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipjoy.events.common.OrderId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationsTest {

    private static final OrderId O1 = new OrderId("o1");
    private static final OrderId O2 = new OrderId("o2");

    private final Reservations books = new Reservations();

    @Test
    void anOrderNeverReservedHoldsNothing() {
        assertThat(books.reservedBy(O1)).isZero();
        assertThat(books.unpicked(O1)).isZero();
        assertThat(books.plannedBy(O1)).isZero();
        assertThat(books.plannedBy(O1, "A-01")).isZero();
        assertThat(books.pickedBy(O1)).isZero();
        assertThat(books.picksBeyond(O1, 0)).isEmpty();
        assertThat(books.newestFirst()).isEmpty();
    }

    @Test
    void reservationsOfAnOrderAddUpAndKeepTheirFirstPlace() {
        books.reserve(O1, 3);
        books.reserve(O2, 2);
        books.reserve(O1, 1);
        assertThat(books.reservedBy(O1)).isEqualTo(4);
        assertThat(books.newestFirst()).containsExactly(O2, O1);
    }

    @Test
    void anOrderReleasedInFullIsForgottenAndComesBackAsTheNewest() {
        books.reserve(O1, 3);
        books.reserve(O2, 2);
        books.release(O1, 1);
        books.release(O2, 2);
        assertThat(books.reservedBy(O1)).isEqualTo(2);
        assertThat(books.newestFirst()).containsExactly(O1);
        books.reserve(O2, 1);
        books.reserve(O1, 1);
        assertThat(books.newestFirst()).containsExactly(O2, O1);
    }

    @Test
    void plannedUnitsCountPerOrderAndPerBinUntilTheirPlanCloses() {
        books.reserve(O1, 5);
        books.reserve(O2, 3);
        books.plan(O1, "A-01", 2);
        books.plan(O1, "B-02", 3);
        books.plan(O2, "A-01", 1);
        assertThat(books.plannedBy(O1)).isEqualTo(5);
        assertThat(books.plannedBy(O1, "A-01")).isEqualTo(2);
        assertThat(books.plannedAt("A-01")).isEqualTo(3);
        assertThat(books.plannedAt("B-02")).isEqualTo(3);

        books.closePlan(O1, "A-01", 2);
        assertThat(books.plannedBy(O1, "A-01")).isZero();
        assertThat(books.plannedBy(O1)).isEqualTo(3);
        assertThat(books.plannedAt("A-01")).isEqualTo(1);
    }

    @Test
    void pickedUnitsAreNoLongerUnpicked() {
        books.reserve(O1, 5);
        books.pick(O1, "A-01", 2);
        assertThat(books.pickedBy(O1)).isEqualTo(2);
        assertThat(books.unpicked(O1)).isEqualTo(3);
    }

    /** o1 holds 6: 2 picked from A-01 and 1 from B-02, 3 held in C-03 for a task. */
    private void pickingSixOfO1() {
        books.reserve(O1, 6);
        books.pick(O1, "A-01", 2);
        books.pick(O1, "B-02", 1);
        books.plan(O1, "C-03", 3);
    }

    @Test
    void picksBeyondWhatAnOrderKeepsAreTheLastBinsInWalkingOrder() {
        pickingSixOfO1();
        assertThat(books.picksBeyond(O1, 2)).containsExactly(Map.entry("B-02", 1L));
        assertThat(books.picksBeyond(O1, 3)).isEmpty();
    }

    @Test
    void aReleaseDropsPlansBeyondWhatIsLeftToPick() {
        pickingSixOfO1();
        books.release(O1, 1);
        assertThat(books.reservedBy(O1)).isEqualTo(5);
        assertThat(books.pickedBy(O1)).isEqualTo(3);
        assertThat(books.plannedBy(O1, "C-03")).isEqualTo(2);
    }

    @Test
    void aReleaseBelowThePicksForgetsThePicksBeyondItAndEveryPlan() {
        pickingSixOfO1();
        books.release(O1, 4);
        assertThat(books.reservedBy(O1)).isEqualTo(2);
        assertThat(books.pickedBy(O1)).isEqualTo(2);
        assertThat(books.picksBeyond(O1, 0)).containsExactly(Map.entry("A-01", 2L));
        assertThat(books.plannedBy(O1)).isZero();
        assertThat(books.plannedAt("C-03")).isZero();
    }

    @Test
    void aReleaseInFullForgetsTheOrder() {
        pickingSixOfO1();
        books.release(O1, 6);
        assertThat(books.reservedBy(O1)).isZero();
        assertThat(books.pickedBy(O1)).isZero();
        assertThat(books.plannedBy(O1)).isZero();
        assertThat(books.newestFirst()).isEmpty();
    }

    @Test
    void shippingTakesFromThePicksAndTheReservationNotThePlans() {
        pickingSixOfO1();
        books.pick(O1, "B-02", 1);
        books.ship(O1, 3);
        assertThat(books.reservedBy(O1)).isEqualTo(3);
        assertThat(books.picksBeyond(O1, 0)).containsExactly(Map.entry("A-01", 1L));
        assertThat(books.plannedBy(O1)).isEqualTo(3);
    }
}
