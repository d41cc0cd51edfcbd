/**
 * Shoppers as a search index: each shopper's affinities (and their vector in the factor model) as a
 * Lucene document, so that "shoppers like this one", look-alike audiences and audiences by taste
 * are searches. Derived from the profiles, written in batches as they change; an index whose writer
 * failed for good is replaced by a new one and every profile written again.
 */
package io.vitrina.engine.audience;
