package io.homeacs.server.device;

/**
 * How many devices a search matches. When {@code exact} is false the count stopped at a cap and
 * {@code value} is a lower bound: there are at least that many.
 */
public record MatchCount(long value, boolean exact) {
}
