package io.vitrina.engine.algorithm;

import java.util.List;
import org.apache.lucene.search.Query;

/**
 * Family: the catalog's items that match the page's search text, by text relevance (English and
 * Russian stems, typos forgiven). Strict needs (nearly) every word; relaxed any word, for when
 * strict finds nothing.
 *
 * @param reason explanation, with {@code %s} for the search text
 */
public record TextMatch(boolean strict, String reason) implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String text = context.request().page().query();
    Query query = context.catalog().textQuery(text, strict).orElse(null);
    if (query == null) return List.of();
    String why = reason.formatted(text);
    return context.catalog().search(query, limit, item -> why);
  }
}
