package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.signal.Signal;
import java.util.List;
import org.apache.lucene.document.FeatureField;

/**
 * Family: the items shoppers clicked, carted or bought after searching the page's text, by the
 * weight of the search → item cross-occurrence (the items whose {@code search_buy} indicators hold
 * the text). Learns what a store's own search misses: a query that finds nothing by text still
 * leads somewhere once shoppers found their way.
 *
 * @param reason explanation, with {@code %s} for the search text
 */
public record SearchedThenBought(String indicator, String reason) implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String text = context.request().page().query();
    var query =
        FeatureField.newLinearQuery(ItemFields.indicator(indicator), Signal.searchTerm(text), 1f);
    String why = reason.formatted(text);
    return context.catalog().search(query, limit, item -> why);
  }
}
