package io.vitrina.engine.search;

import io.vitrina.engine.profile.PriceBand;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search matched, counted as a storefront's search page shows it: how many items, and how
 * many per category (every level of their category paths, so that each count is what filtering by
 * that category would find), per brand and per price band of the 1-2-5 series ({@link PriceBand}).
 *
 * @param total items matched
 * @param categories most items first (ties by name)
 * @param brands most items first (ties by name); items without a brand are not counted
 * @param priceBands cheapest first
 */
public record SearchFacets(
    int total, List<Count> categories, List<Count> brands, List<BandCount> priceBands) {
  public static final SearchFacets NONE = new SearchFacets(0, List.of(), List.of(), List.of());

  /** Values kept per facet: the long tail of a broad search says little to a shopper. */
  public static final int MAX_VALUES = 50;

  /** One value of a facet and how many matched items have it. */
  public record Count(String value, int count) {}

  /** One price band and how many matched items are priced in it. */
  public record BandCount(PriceBand band, int count) {}

  public SearchFacets {
    categories = List.copyOf(categories);
    brands = List.copyOf(brands);
    priceBands = List.copyOf(priceBands);
  }

  /**
   * Counts matched items, then {@link #build}: each item with its price (counted at once in its
   * band), and its categories and brand in bulk, as a search counts them per index segment. Not
   * thread-safe.
   */
  public static final class Counter {
    private int total;
    private final Map<String, int[]> categories = new HashMap<>();
    private final Map<String, int[]> brands = new HashMap<>();
    private final Map<PriceBand, int[]> bands = new HashMap<>();

    /** The price band of the item one past the last band counted, for a run of equal bands. */
    private PriceBand lastBand;

    private int[] lastBandCount;

    /** One more matched item, priced {@code price}. */
    public void matched(double price) {
      total++;
      PriceBand band = lastBand;
      if (band == null || !(price >= band.lower() && price < band.upper())) {
        band = PriceBand.of(price).orElse(null);
        if (band == null) return;
        lastBand = band;
        lastBandCount = bands.computeIfAbsent(band, b -> new int[1]);
      }
      lastBandCount[0]++;
    }

    /** {@code n} more matched items under {@code category}. */
    public void category(String category, int n) {
      categories.computeIfAbsent(category, k -> new int[1])[0] += n;
    }

    /** {@code n} more matched items of {@code brand}. */
    public void brand(String brand, int n) {
      if (!brand.isBlank()) brands.computeIfAbsent(brand, k -> new int[1])[0] += n;
    }

    public SearchFacets build() {
      List<BandCount> priceBands =
          bands.entrySet().stream()
              .sorted(Comparator.comparingDouble(e -> e.getKey().lower()))
              .map(e -> new BandCount(e.getKey(), e.getValue()[0]))
              .toList();
      return new SearchFacets(total, top(categories), top(brands), priceBands);
    }

    private static List<Count> top(Map<String, int[]> counts) {
      return counts.entrySet().stream()
          .sorted(
              Comparator.comparingInt((Map.Entry<String, int[]> e) -> e.getValue()[0])
                  .reversed()
                  .thenComparing(Map.Entry::getKey))
          .limit(MAX_VALUES)
          .map(e -> new Count(e.getKey(), e.getValue()[0]))
          .toList();
    }

    /** Adds what {@code other} counted (a search counts each index slice apart). */
    public void add(Counter other) {
      total += other.total;
      other.categories.forEach((k, v) -> categories.computeIfAbsent(k, x -> new int[1])[0] += v[0]);
      other.brands.forEach((k, v) -> brands.computeIfAbsent(k, x -> new int[1])[0] += v[0]);
      other.bands.forEach((k, v) -> bands.computeIfAbsent(k, x -> new int[1])[0] += v[0]);
      lastBand = null;
    }
  }
}
