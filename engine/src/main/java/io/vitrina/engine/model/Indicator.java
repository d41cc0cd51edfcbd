package io.vitrina.engine.model;

/**
 * One significant co-occurrence: {@code itemId} was acted on by {@code cooccurrences} of the
 * shoppers who acted on the indicated item, with log-likelihood ratio {@code llr}.
 *
 * @param weight how much a shopper's interaction with {@code itemId} counts toward the indicated
 *     item in personal scoring, in (0, 1]: an asymmetric cosine of the two items' shopper sets (see
 *     {@code CooccurrenceIndicators.weight}). LLR says whether a pair is more than chance; the
 *     weight says how strongly one predicts the other, which is what ranking by a sum over the
 *     history needs (see EVALUATION.md). {@code item_cf} and the other single-item look-ups rank by
 *     it
 * @param sumWeight what the shopper's interaction with {@code itemId} adds to the indicated item's
 *     history sum in {@code personal} and the other history queries: the coefficient of a ridge
 *     regression of the indicated item on its indicators (see {@code
 *     CooccurrenceIndicators.regress})
 */
public record Indicator(
    String itemId, double llr, int cooccurrences, double weight, double sumWeight) {
  /** An indicator whose history-sum weight is its cosine weight. */
  public Indicator(String itemId, double llr, int cooccurrences, double weight) {
    this(itemId, llr, cooccurrences, weight, weight);
  }
}
