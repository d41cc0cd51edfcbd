package io.vitrina.engine.algorithm;

import io.vitrina.engine.search.SearchFacets;

/**
 * A search page: the block of the request's page of the ranking, and what the whole search found
 * (how many items match the text under the filters and rules, by category, brand and price band).
 */
public record SearchResults(Recommendations page, SearchFacets facets) {}
