package com.shipjoy.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitsPerBinTest {

    /** A-01 holds 2, B-02 holds 3, C-03 holds 4, added out of walking order. */
    private static UnitsPerBin twoThreeFour() {
        UnitsPerBin units = new UnitsPerBin();
        units.add("C-03", 4);
        units.add("A-01", 2);
        units.add("B-02", 3);
        return units;
    }

    @Test
    void noUnitsAnywhere() {
        UnitsPerBin none = new UnitsPerBin();
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.total()).isZero();
        assertThat(none.at("A-01")).isZero();
        assertThat(none.beyond(0)).isEmpty();
    }

    @Test
    void unitsAddedToABinAddUp() {
        UnitsPerBin units = twoThreeFour();
        units.add("A-01", 5);
        assertThat(units.at("A-01")).isEqualTo(7);
        assertThat(units.total()).isEqualTo(14);
    }

    @Test
    void beyondTakesFromTheLastBinsInWalkingOrderFirst() {
        assertThat(twoThreeFour().beyond(3)).containsExactly(Map.entry("C-03", 4L), Map.entry("B-02", 2L));
    }

    @Test
    void beyondTheTotalIsNothing() {
        assertThat(twoThreeFour().beyond(9)).isEmpty();
        assertThat(twoThreeFour().beyond(10)).isEmpty();
    }

    @Test
    void beyondLessThanNothingIsEverything() {
        assertThat(twoThreeFour().beyond(-1))
                .containsExactly(Map.entry("C-03", 4L), Map.entry("B-02", 3L), Map.entry("A-01", 2L));
    }

    @Test
    void takingLeavesTheRestAndForgetsEmptiedBins() {
        UnitsPerBin units = twoThreeFour();
        units.take(Map.of("C-03", 4L, "B-02", 1L));
        assertThat(units.at("C-03")).isZero();
        assertThat(units.at("B-02")).isEqualTo(2);
        assertThat(units.beyond(0)).containsExactly(Map.entry("B-02", 2L), Map.entry("A-01", 2L));
    }

    @Test
    void takingMoreThanABinHoldsEmptiesIt() {
        UnitsPerBin units = twoThreeFour();
        units.take(Map.of("A-01", 5L, "B-02", 3L, "C-03", 4L, "D-04", 1L));
        assertThat(units.isEmpty()).isTrue();
        assertThat(units.total()).isZero();
    }

    @Test
    void equalByTheirUnits() {
        UnitsPerBin units = new UnitsPerBin();
        units.add("A-01", 2);
        units.add("B-02", 3);
        units.add("C-03", 4);
        assertThat(units).isEqualTo(twoThreeFour()).hasSameHashCodeAs(twoThreeFour());
        units.add("C-03", 1);
        assertThat(units).isNotEqualTo(twoThreeFour());
    }
}
