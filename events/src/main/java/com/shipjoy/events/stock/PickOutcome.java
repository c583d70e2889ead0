package com.shipjoy.events.stock;

/**
 * What a pick left to do: of a short pick's missing units, {@code stillReserved} are still promised to the order in
 * this warehouse (to be picked from other bins), {@code released} were released from it (to be allocated again).
 */
public record PickOutcome(long picked, long stillReserved, long released) {
}
