package io.vitrina.evaluation;

/**
 * One rating of a public data set, read as store behaviour: every rating is a view of the item, a
 * high one is also a purchase.
 *
 * @param timestamp Unix seconds
 */
public record Interaction(String userId, String itemId, double rating, long timestamp) {
  /** Ratings at or above this count as a purchase (the data set's README mapping). */
  public static final double PURCHASE_RATING = 4.0;

  public boolean isPurchase() {
    return rating >= PURCHASE_RATING;
  }
}
