package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A shopper's decayed interest in the values of each {@link Facet}, by forward decay: an event at
 * time t adds its weight × 2^((t − reference) / halfLife). Older events count less without anything
 * stored being rewritten, events that arrive out of order land where they belong, and the shares
 * within a facet do not depend on "now". Each facet keeps its {@value #MAX_VALUES} strongest
 * values: a new value enters with today's scale, so it displaces an old one, not the reverse.
 *
 * <p>Compact, because every profile has one: per facet, an array of values (shared strings) and one
 * of weights, searched linearly (32 at most). Not thread-safe: guarded by its profile's monitor.
 */
final class AffinityCounter {
  static final int MAX_VALUES = 32;

  /** Scales stay below 2^this: past it, stored weights are rebased to the newer reference. */
  private static final double MAX_EXPONENT = 256;

  private static final Facet[] FACETS = Facet.values();
  private static final long NO_REFERENCE = Long.MIN_VALUE;

  private final long halfLifeMillis;
  private final UnaryOperator<String> canonical;
  private final String[][] values = new String[FACETS.length][];
  private final double[][] weights = new double[FACETS.length][];
  private final byte[] sizes = new byte[FACETS.length];
  private long referenceMillis = NO_REFERENCE;

  /**
   * @param canonical the one instance of a name: a value is stored through it when it enters
   */
  AffinityCounter(Duration halfLife, UnaryOperator<String> canonical) {
    this.halfLifeMillis = halfLife.toMillis();
    this.canonical = canonical;
  }

  /** Counts {@code item}'s facet values with {@code weight}, as of {@code at}. */
  void add(ItemFacets item, double weight, Instant at) {
    double scaled = weight * scale(at.toEpochMilli());
    for (String category : item.categories()) add(Facet.CATEGORY, category, scaled);
    if (item.brand() != null) add(Facet.BRAND, item.brand(), scaled);
    if (item.priceBand() != null) add(Facet.PRICE_BAND, item.priceBand(), scaled);
    for (String tag : item.tags()) add(Facet.TAG, tag, scaled);
  }

  /** Adds what {@code other} counted (another profile's, at a stitch). */
  void absorb(AffinityCounter other) {
    if (other.referenceMillis == NO_REFERENCE) return;
    double factor = scale(other.referenceMillis);
    for (Facet facet : FACETS) {
      int f = facet.ordinal();
      for (int i = 0; i < other.sizes[f]; i++)
        add(facet, other.values[f][i], other.weights[f][i] * factor);
    }
  }

  /** The shares, strongest first: computed on each call (profiles are many, reads are few). */
  AffinityVector vector() {
    EnumMap<Facet, List<Affinity>> out = new EnumMap<>(Facet.class);
    for (Facet facet : FACETS) {
      int f = facet.ordinal();
      double total = 0;
      for (int i = 0; i < sizes[f]; i++) total += weights[f][i];
      if (!(total > 0)) continue;
      List<Affinity> shares = new ArrayList<>(sizes[f]);
      for (int i = 0; i < sizes[f]; i++)
        shares.add(new Affinity(values[f][i], (float) (weights[f][i] / total)));
      shares.sort(
          Comparator.comparingDouble((Affinity a) -> a.share())
              .reversed()
              .thenComparing(Affinity::value));
      out.put(facet, shares);
    }
    return out.isEmpty() ? AffinityVector.EMPTY : new AffinityVector(out);
  }

  private void add(Facet facet, String value, double weight) {
    int f = facet.ordinal();
    int size = sizes[f];
    for (int i = 0; i < size; i++) {
      if (values[f][i].equals(value)) {
        weights[f][i] += weight;
        return;
      }
    }
    if (size < MAX_VALUES) {
      if (values[f] == null || values[f].length == size) grow(f, size);
      values[f][size] = canonical.apply(value);
      weights[f][size] = weight;
      sizes[f]++;
      return;
    }
    int weakest = 0;
    for (int i = 1; i < size; i++) if (weights[f][i] < weights[f][weakest]) weakest = i;
    if (weight > weights[f][weakest]) {
      values[f][weakest] = canonical.apply(value);
      weights[f][weakest] = weight;
    }
  }

  private void grow(int f, int size) {
    int capacity = size == 0 ? 4 : Math.min(MAX_VALUES, size * 2);
    values[f] = values[f] == null ? new String[capacity] : Arrays.copyOf(values[f], capacity);
    weights[f] = weights[f] == null ? new double[capacity] : Arrays.copyOf(weights[f], capacity);
  }

  /** 2^((at − reference) / halfLife), rebasing the stored weights when it would grow too large. */
  private double scale(long atMillis) {
    if (referenceMillis == NO_REFERENCE) referenceMillis = atMillis;
    double exponent = (double) (atMillis - referenceMillis) / halfLifeMillis;
    if (exponent > MAX_EXPONENT) {
      double shrink = Math.pow(2, -exponent);
      for (int f = 0; f < FACETS.length; f++)
        for (int i = 0; i < sizes[f]; i++) weights[f][i] *= shrink;
      referenceMillis = atMillis;
      exponent = 0;
    }
    return Math.pow(2, exponent);
  }
}
