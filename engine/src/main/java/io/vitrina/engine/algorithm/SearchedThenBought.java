package io.vitrina.engine.algorithm;

import io.vitrina.engine.signal.Signal;
import java.util.List;

/**
 * Family: the items shoppers clicked, carted or bought after searching the page's text, by the
 * weight of the search → item cross-occurrence (the items whose {@code search_buy} indicators hold
 * the text). Learns what a store's own search misses: a query that finds nothing by text still
 * leads somewhere once shoppers found their way.
 *
 * @param reason explanation, with {@code %1$s} for the search text and {@code %2$d} for how many
 *     shoppers searched it and chose the item
 * @param borrowedReason explanation for a new item that borrowed the text from a look-alike, with
 *     {@code %3$s} for the look-alike
 */
public record SearchedThenBought(String indicator, String reason, String borrowedReason)
    implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String text = context.request().page().query();
    String term = Signal.searchTerm(text);
    return context
        .catalog()
        .heldBy(
            indicator,
            term,
            limit,
            item ->
                Explained.held(
                    context.catalog(), indicator, item, term, text, reason, borrowedReason));
  }
}
