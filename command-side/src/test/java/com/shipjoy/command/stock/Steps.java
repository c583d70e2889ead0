package com.shipjoy.command.stock;

/**
 * The steps of the tests' event and command builders, so that a reader sees what each number is:
 * {@code released("o1", 2, COUNT_SHORTFALL).onHand(7).reserved(3)}. Each step names one number and leads to the next;
 * the last one gives the event or command. Figures named "holds", on-hand and reserved are those after the event.
 */
final class Steps {

    private Steps() {
    }

    interface BinHolds<N> {
        N binHolds(long units);
    }

    interface FromHolds<N> {
        N fromHolds(long units);
    }

    interface ToHolds<N> {
        N toHolds(long units);
    }

    interface OutboundHolds<N> {
        N outboundHolds(long units);
    }

    interface Expected<N> {
        N expected(long units);
    }

    interface Recorded<N> {
        N recorded(long units);
    }

    interface Counted<N> {
        N counted(long units);
    }

    interface Found<N> {
        N found(long units);
    }

    /** Every stock event ends with the on-hand and reserved figures after it. */
    interface OnHand<E> {
        Reserved<E> onHand(long units);
    }

    interface Reserved<E> {
        E reserved(long units);
    }
}
