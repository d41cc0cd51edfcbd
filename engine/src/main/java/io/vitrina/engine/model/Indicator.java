package io.vitrina.engine.model;

/**
 * One significant co-occurrence: {@code itemId} was acted on by {@code cooccurrences} of the
 * shoppers who acted on the indicated item, with log-likelihood ratio {@code llr}.
 */
public record Indicator(String itemId, double llr, int cooccurrences) {}
