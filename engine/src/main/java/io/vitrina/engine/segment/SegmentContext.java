package io.vitrina.engine.segment;

import java.time.Instant;
import java.util.function.Function;

/**
 * What rules read beside the shopper: the time, the catalog and the store's scales.
 *
 * @param items the catalog's item of an id, or null when it has none
 */
public record SegmentContext(
    Instant now, Function<String, ItemFacts> items, RfmScale rfm, Lifecycle.Settings lifecycle) {}
