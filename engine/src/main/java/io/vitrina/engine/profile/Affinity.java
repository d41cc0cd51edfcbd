package io.vitrina.engine.profile;

/**
 * A shopper's interest in one value of a facet.
 *
 * @param share of the shopper's decayed weight over the facet, in (0, 1]
 */
public record Affinity(String value, float share) {}
