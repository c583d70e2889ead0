package com.shipjoy.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationsTest {

    private final Reservations books = new Reservations();

    @Test
    void anOrderNeverReservedHoldsNothing() {
        assertThat(books.reservedBy("o1")).isZero();
        assertThat(books.unpicked("o1")).isZero();
        assertThat(books.plannedBy("o1")).isZero();
        assertThat(books.plannedBy("o1", "A-01")).isZero();
        assertThat(books.pickedBy("o1")).isZero();
        assertThat(books.picksBeyond("o1", 0)).isEmpty();
        assertThat(books.newestFirst()).isEmpty();
    }

    @Test
    void reservationsOfAnOrderAddUpAndKeepTheirFirstPlace() {
        books.reserve("o1", 3);
        books.reserve("o2", 2);
        books.reserve("o1", 1);
        assertThat(books.reservedBy("o1")).isEqualTo(4);
        assertThat(books.newestFirst()).containsExactly("o2", "o1");
    }

    @Test
    void anOrderReleasedInFullIsForgottenAndComesBackAsTheNewest() {
        books.reserve("o1", 3);
        books.reserve("o2", 2);
        books.release("o1", 1);
        books.release("o2", 2);
        assertThat(books.reservedBy("o1")).isEqualTo(2);
        assertThat(books.newestFirst()).containsExactly("o1");
        books.reserve("o2", 1);
        books.reserve("o1", 1);
        assertThat(books.newestFirst()).containsExactly("o2", "o1");
    }

    @Test
    void plannedUnitsCountPerOrderAndPerBinUntilTheirPlanCloses() {
        books.reserve("o1", 5);
        books.reserve("o2", 3);
        books.plan("o1", "A-01", 2);
        books.plan("o1", "B-02", 3);
        books.plan("o2", "A-01", 1);
        assertThat(books.plannedBy("o1")).isEqualTo(5);
        assertThat(books.plannedBy("o1", "A-01")).isEqualTo(2);
        assertThat(books.plannedAt("A-01")).isEqualTo(3);
        assertThat(books.plannedAt("B-02")).isEqualTo(3);

        books.closePlan("o1", "A-01", 2);
        assertThat(books.plannedBy("o1", "A-01")).isZero();
        assertThat(books.plannedBy("o1")).isEqualTo(3);
        assertThat(books.plannedAt("A-01")).isEqualTo(1);
    }

    @Test
    void pickedUnitsAreNoLongerUnpicked() {
        books.reserve("o1", 5);
        books.pick("o1", "A-01", 2);
        assertThat(books.pickedBy("o1")).isEqualTo(2);
        assertThat(books.unpicked("o1")).isEqualTo(3);
    }

    /** o1 holds 6: 2 picked from A-01 and 1 from B-02, 3 held in C-03 for a task. */
    private void pickingSixOfO1() {
        books.reserve("o1", 6);
        books.pick("o1", "A-01", 2);
        books.pick("o1", "B-02", 1);
        books.plan("o1", "C-03", 3);
    }

    @Test
    void picksBeyondWhatAnOrderKeepsAreTheLastBinsInWalkingOrder() {
        pickingSixOfO1();
        assertThat(books.picksBeyond("o1", 2)).containsExactly(Map.entry("B-02", 1L));
        assertThat(books.picksBeyond("o1", 3)).isEmpty();
    }

    @Test
    void aReleaseDropsPlansBeyondWhatIsLeftToPick() {
        pickingSixOfO1();
        books.release("o1", 1);
        assertThat(books.reservedBy("o1")).isEqualTo(5);
        assertThat(books.pickedBy("o1")).isEqualTo(3);
        assertThat(books.plannedBy("o1", "C-03")).isEqualTo(2);
    }

    @Test
    void aReleaseBelowThePicksForgetsThePicksBeyondItAndEveryPlan() {
        pickingSixOfO1();
        books.release("o1", 4);
        assertThat(books.reservedBy("o1")).isEqualTo(2);
        assertThat(books.pickedBy("o1")).isEqualTo(2);
        assertThat(books.picksBeyond("o1", 0)).containsExactly(Map.entry("A-01", 2L));
        assertThat(books.plannedBy("o1")).isZero();
        assertThat(books.plannedAt("C-03")).isZero();
    }

    @Test
    void aReleaseInFullForgetsTheOrder() {
        pickingSixOfO1();
        books.release("o1", 6);
        assertThat(books.reservedBy("o1")).isZero();
        assertThat(books.pickedBy("o1")).isZero();
        assertThat(books.plannedBy("o1")).isZero();
        assertThat(books.newestFirst()).isEmpty();
    }

    @Test
    void shippingTakesFromThePicksAndTheReservationNotThePlans() {
        pickingSixOfO1();
        books.pick("o1", "B-02", 1);
        books.ship("o1", 3);
        assertThat(books.reservedBy("o1")).isEqualTo(3);
        assertThat(books.picksBeyond("o1", 0)).containsExactly(Map.entry("A-01", 1L));
        assertThat(books.plannedBy("o1")).isEqualTo(3);
    }
}
