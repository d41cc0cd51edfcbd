package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A shopper's decayed interest in the values of each {@link Facet}, by forward decay: an event at
 * time t adds its weight × 2^((t − reference) / halfLife). Older events count less without anything
 * stored being rewritten, events that arrive out of order land where they belong, and the shares
 * within a facet do not depend on "now". Each facet keeps its {@value #MAX_VALUES} strongest
 * values: a new value enters with today's scale, so it displaces an old one, not the reverse.
 *
 * <p>Not thread-safe: guarded by its profile's monitor.
 */
final class AffinityCounter {
  static final int MAX_VALUES = 32;

  /** Scales stay below 2^this: past it, stored weights are rebased to the newer reference. */
  private static final double MAX_EXPONENT = 256;

  private final Duration halfLife;
  private final EnumMap<Facet, Map<String, Double>> weights = new EnumMap<>(Facet.class);
  private Instant reference;
  private AffinityVector vector = AffinityVector.EMPTY;

  AffinityCounter(Duration halfLife) {
    this.halfLife = halfLife;
  }

  /** Counts {@code item}'s facet values with {@code weight}, as of {@code at}. */
  void add(ItemFacets item, double weight, Instant at) {
    double scaled = weight * scale(at);
    for (String category : item.categories()) add(Facet.CATEGORY, category, scaled);
    if (item.brand() != null && !item.brand().isBlank()) add(Facet.BRAND, item.brand(), scaled);
    PriceBand.of(item.price()).ifPresent(band -> add(Facet.PRICE_BAND, band.label(), scaled));
    for (String tag : item.tags()) add(Facet.TAG, tag, scaled);
    vector = null;
  }

  /** Adds what {@code other} counted (another profile's, at a stitch). */
  void absorb(AffinityCounter other) {
    if (other.reference == null) return;
    double factor = scale(other.reference);
    other.weights.forEach(
        (facet, values) -> values.forEach((value, w) -> add(facet, value, w * factor)));
    vector = null;
  }

  AffinityVector vector() {
    if (vector == null) vector = computeVector();
    return vector;
  }

  private AffinityVector computeVector() {
    EnumMap<Facet, List<Affinity>> out = new EnumMap<>(Facet.class);
    weights.forEach(
        (facet, values) -> {
          double total = values.values().stream().mapToDouble(Double::doubleValue).sum();
          if (total <= 0) return;
          List<Affinity> shares = new ArrayList<>(values.size());
          values.forEach((value, w) -> shares.add(new Affinity(value, (float) (w / total))));
          shares.sort(
              Comparator.comparingDouble((Affinity a) -> a.share())
                  .reversed()
                  .thenComparing(Affinity::value));
          out.put(facet, shares);
        });
    return new AffinityVector(out);
  }

  private void add(Facet facet, String value, double weight) {
    Map<String, Double> values = weights.computeIfAbsent(facet, f -> new HashMap<>());
    values.merge(value, weight, Double::sum);
    if (values.size() > MAX_VALUES) {
      String weakest = null;
      double least = Double.MAX_VALUE;
      for (Map.Entry<String, Double> e : values.entrySet()) {
        if (e.getValue() < least) {
          least = e.getValue();
          weakest = e.getKey();
        }
      }
      values.remove(weakest);
    }
  }

  /** 2^((at − reference) / halfLife), rebasing the stored weights when it would grow too large. */
  private double scale(Instant at) {
    if (reference == null) reference = at;
    double exponent = halfLives(reference, at);
    if (exponent > MAX_EXPONENT) {
      double shrink = Math.pow(2, -exponent);
      weights.values().forEach(values -> values.replaceAll((value, w) -> w * shrink));
      reference = at;
      exponent = 0;
    }
    return Math.pow(2, exponent);
  }

  private double halfLives(Instant from, Instant to) {
    return (double) Duration.between(from, to).toMillis() / halfLife.toMillis();
  }
}
