package io.vitrina.engine.profile;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A price range of the 1-2-5 series (…, 100-200, 200-500, 500-1000, 1000-2000, …): wide enough that
 * a shopper's purchases gather in one or two, and readable by a marketer in any currency.
 *
 * @param lower inclusive
 * @param upper exclusive
 */
public record PriceBand(double lower, double upper) {
  private static final int[] STEPS = {1, 2, 5};

  /** The band holding {@code price}; empty for a price that is not positive. */
  public static Optional<PriceBand> of(double price) {
    if (!(price > 0) || Double.isInfinite(price)) return Optional.empty();
    int exponent = (int) Math.floor(Math.log10(price));
    // log10 may round across a power of ten: step down until the band starts at or below price.
    for (int e = exponent + 1; e >= exponent - 1; e--) {
      for (int s = STEPS.length - 1; s >= 0; s--) {
        double lower = STEPS[s] * Math.pow(10, e);
        if (lower <= price) {
          double upper =
              s + 1 < STEPS.length ? STEPS[s + 1] * Math.pow(10, e) : Math.pow(10, e + 1);
          return Optional.of(new PriceBand(lower, upper));
        }
      }
    }
    return Optional.empty();
  }

  /** Parses a {@link #label()}; empty when the text is not a band of the series. */
  public static Optional<PriceBand> parse(String label) {
    int dash = label == null ? -1 : label.indexOf('-', 1);
    if (dash < 0) return Optional.empty();
    try {
      double lower = Double.parseDouble(label.substring(0, dash));
      return of(lower).filter(band -> band.label().equals(label.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Labels by lower bound: a band's label is asked for at every event. */
  private static final ConcurrentHashMap<Double, String> LABELS = new ConcurrentHashMap<>();

  /** {@code 1000-2000}, {@code 0.5-1}. */
  public String label() {
    return LABELS.computeIfAbsent(lower, l -> plain(lower) + "-" + plain(upper));
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
