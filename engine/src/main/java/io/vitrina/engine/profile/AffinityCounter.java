package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Compact, because every profile has one: the values of all facets in one array (shared
 * strings), their weights (floats) and facets in two more, searched linearly. Not thread-safe:
 * guarded by its profile's monitor.
 */
final class AffinityCounter {
  static final int MAX_VALUES = 32;

  /**
   * Scales stay below 2^this: past it, stored weights are rebased to the newer reference. Low
   * enough for float weights (2^64 leaves 2^64 of headroom for sums), and 64 half-lives are 16
   * years at the default.
   */
  private static final double MAX_EXPONENT = 64;

  private static final Facet[] FACETS = Facet.values();
  private static final long NO_REFERENCE = Long.MIN_VALUE;
  private static final String[] NO_VALUES = {};
  private static final float[] NO_WEIGHTS = {};
  private static final byte[] NO_FACETS = {};

  private final long halfLifeMillis;
  private final UnaryOperator<String> canonical;

  // Entry i is facet FACETS[facets[i]], value values[i], weight weights[i]; the first size are
  // used.
  private String[] values = NO_VALUES;
  private float[] weights = NO_WEIGHTS;
  private byte[] facets = NO_FACETS;
  private int size;
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
    for (int i = 0; i < other.size; i++)
      add(FACETS[other.facets[i]], other.values[i], other.weights[i] * factor);
  }

  /** The shares, strongest first: computed on each call (profiles are many, reads are few). */
  AffinityVector vector() {
    if (size == 0) return AffinityVector.EMPTY;
    EnumMap<Facet, List<Affinity>> out = new EnumMap<>(Facet.class);
    for (Facet facet : FACETS) {
      byte f = (byte) facet.ordinal();
      double total = 0;
      int count = 0;
      for (int i = 0; i < size; i++)
        if (facets[i] == f) {
          total += weights[i];
          count++;
        }
      if (!(total > 0)) continue;
      List<Affinity> shares = new ArrayList<>(count);
      for (int i = 0; i < size; i++)
        if (facets[i] == f) shares.add(new Affinity(values[i], (float) (weights[i] / total)));
      shares.sort(AffinityCounter::strongestFirst);
      out.put(facet, shares);
    }
    return out.isEmpty() ? AffinityVector.EMPTY : new AffinityVector(out);
  }

  /** Larger share first, ties by value: a plain method, since every request's view sorts these. */
  private static int strongestFirst(Affinity a, Affinity b) {
    int byShare = Float.compare(b.share(), a.share());
    return byShare != 0 ? byShare : a.value().compareTo(b.value());
  }

  private void add(Facet facet, String value, double weight) {
    byte f = (byte) facet.ordinal();
    int count = 0;
    int weakest = -1;
    for (int i = 0; i < size; i++) {
      if (facets[i] != f) continue;
      if (values[i].equals(value)) {
        weights[i] += (float) weight;
        return;
      }
      count++;
      if (weakest < 0 || weights[i] < weights[weakest]) weakest = i;
    }
    if (count < MAX_VALUES) {
      if (size == values.length) grow();
      values[size] = canonical.apply(value);
      weights[size] = (float) weight;
      facets[size] = f;
      size++;
    } else if (weight > weights[weakest]) {
      values[weakest] = canonical.apply(value);
      weights[weakest] = (float) weight;
    }
  }

  private void grow() {
    int capacity = Math.min(FACETS.length * MAX_VALUES, Math.max(4, size + (size >> 1)));
    values = Arrays.copyOf(values, capacity);
    weights = Arrays.copyOf(weights, capacity);
    facets = Arrays.copyOf(facets, capacity);
  }

  /** 2^((at − reference) / halfLife), rebasing the stored weights when it would grow too large. */
  private double scale(long atMillis) {
    if (referenceMillis == NO_REFERENCE) referenceMillis = atMillis;
    double exponent = (double) (atMillis - referenceMillis) / halfLifeMillis;
    if (exponent > MAX_EXPONENT) {
      double shrink = Math.pow(2, -exponent);
      for (int i = 0; i < size; i++) weights[i] = (float) (weights[i] * shrink);
      referenceMillis = atMillis;
      exponent = 0;
    }
    return Math.pow(2, exponent);
  }
}
