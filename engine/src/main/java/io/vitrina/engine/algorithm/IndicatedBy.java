package io.vitrina.engine.algorithm;

import java.util.List;

/**
 * Family: the items whose indicator lists hold the page's item, by the weight of that indicator.
 * For a cross-occurrence this is the reverse look-up: the {@code view_buy} indicators of a bought
 * item are what its buyers viewed, so the items holding the page's item are what its viewers
 * bought.
 *
 * @param reason explanation, with {@code %1$s} for the page item's title and {@code %2$d} for how
 *     many shoppers did both (see {@link Explained#held})
 * @param borrowedReason explanation when the candidate is new and holds the page's item through an
 *     indicator borrowed from a look-alike: {@code %3$s} names the look-alike
 */
public record IndicatedBy(String indicator, String reason, String borrowedReason)
    implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String pageItem = context.contextItem().id();
    String title = context.catalog().titleOf(pageItem);
    return context
        .catalog()
        .heldBy(
            indicator,
            pageItem,
            limit,
            item ->
                Explained.held(
                    context.catalog(), indicator, item, pageItem, title, reason, borrowedReason));
  }
}
