package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;

/**
 * One item of a response; {@code source} names the algorithm that found it (a fallback's, maybe).
 */
public record RecommendedItem(Item item, double score, String explanation, String source) {}
