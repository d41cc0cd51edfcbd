/**
 * Full-text catalog search: the query a shopper's text becomes, over the search fields the catalog
 * index analyzes with English and Russian morphology and as plain words for typo-tolerant matches.
 */
package io.vitrina.engine.search;
