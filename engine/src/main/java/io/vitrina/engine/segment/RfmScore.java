package io.vitrina.engine.segment;

/**
 * A customer's recency, frequency and monetary scores, each 1 (lowest) to 5 (highest), and the RFM
 * group they place the customer in.
 */
public record RfmScore(int recency, int frequency, int monetary) {
  public RfmScore {
    for (int score : new int[] {recency, frequency, monetary})
      if (score < 1 || score > 5) throw new IllegalArgumentException("scores are 1 to 5");
  }

  public RfmGroup group() {
    return RfmGroup.of(recency, frequency);
  }

  /** The three digits stores write: {@code 545}. */
  public String code() {
    return "" + recency + frequency + monetary;
  }
}
