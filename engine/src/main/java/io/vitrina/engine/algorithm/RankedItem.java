package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;

/**
 * One item of a re-ordered listing.
 *
 * @param item the catalog's item, or null when the catalog does not have the id (it keeps its place
 *     in the store's order, after the known items around it)
 * @param personal whether the shopper's history moved it
 */
public record RankedItem(
    String itemId, Item item, double score, String explanation, boolean personal) {}
