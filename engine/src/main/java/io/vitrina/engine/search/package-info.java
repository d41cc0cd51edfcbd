/**
 * Full-text catalog search: the query a shopper's text becomes, over the search fields the catalog
 * index analyzes with English and Russian morphology and as plain words for typo-tolerant matches;
 * and {@link io.vitrina.engine.search.Spelling}, the typo rule it uses, which also names what a
 * request most likely meant by a name that does not exist; and {@link
 * io.vitrina.engine.search.SearchFacets}, what a search matched counted by category, brand and
 * price band.
 */
package io.vitrina.engine.search;
