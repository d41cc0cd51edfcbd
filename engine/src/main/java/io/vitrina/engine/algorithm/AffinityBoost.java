package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.AffinityVector;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.profile.PriceBand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.document.DoublePoint;

/**
 * A shopper's affinities as boosts: their {@value #CATEGORIES} strongest categories and {@value
 * #BRANDS} strongest brands and their strongest price band, each by weight × share × rarity in the
 * catalog (ln of the catalog size over the value's, like an idf, so a root category that holds
 * everything boosts nothing); brands and bands at {@value #SECONDARY} of that. They rescore
 * candidates another query found, from the items in memory, rather than find them: as query
 * clauses, broad favourites matched whole categories and stopped pruning.
 *
 * @param favourites largest boost first: the first an item has explains it
 * @param byCategory the favourite categories' boosts, and {@code byBrand} the brands': what {@link
 *     #score} looks an item's values up in, for each candidate a request rescores (comparing each
 *     favourite with each of a candidate's values was a twelfth of a {@code personal} request)
 * @param others the favourites of neither kind (price bands)
 */
record AffinityBoost(
    List<Favourite> favourites,
    Map<String, Double> byCategory,
    Map<String, Double> byBrand,
    List<Favourite> others) {
  static final int CATEGORIES = 3;
  static final int BRANDS = 2;
  static final int PRICE_BANDS = 1;

  /**
   * Brands and price bands count for this much of a category: no public data with both to tune them
   * on, so they reorder close matches rather than outweigh the history (one purchase gives its
   * brand and band a share of 1).
   */
  static final double SECONDARY = 0.25;

  /**
   * A favourite whose boost is below this part of the largest is left out: a root category (rarity
   * near 0) would otherwise explain items and give them a rank in {@link ListingRanker}'s fusion.
   */
  static final double MIN_RELATIVE_BOOST = 0.1;

  /**
   * One boosted value: the items that have it, what it adds, and how that reads ({@code reason}
   * with {@code %s} for the value, formatted only for the few items it explains).
   */
  record Favourite(Facet facet, Predicate<Item> has, double boost, String reason, String value) {
    String explanation() {
      return Reasons.fill(reason, value);
    }
  }

  /** The shopper's affinities as boosts of {@code weight}; null when they have none. */
  static AffinityBoost of(AlgorithmContext context, float weight) {
    AffinityVector affinities = context.profile().affinities();
    if (affinities.isEmpty() || weight <= 0) return null;
    List<Favourite> favourites = new ArrayList<>();
    CatalogView catalog = context.catalog();
    for (Affinity category : head(affinities.of(Facet.CATEGORY), CATEGORIES)) {
      String value = category.value();
      favourites.add(
          new Favourite(
              Facet.CATEGORY,
              item -> item.categories().contains(value),
              weight * category.share() * catalog.rarity(ItemFields.CATEGORY, value),
              "from %s, one of your favourite categories",
              value));
    }
    for (Affinity brand : head(affinities.of(Facet.BRAND), BRANDS)) {
      String value = brand.value();
      favourites.add(
          new Favourite(
              Facet.BRAND,
              item -> value.equals(item.brand()),
              SECONDARY * weight * brand.share() * catalog.rarity(ItemFields.BRAND, value),
              "from %s, one of your favourite brands",
              value));
    }
    for (Affinity band : head(affinities.of(Facet.PRICE_BAND), PRICE_BANDS)) {
      PriceBand range = PriceBand.parse(band.value()).orElse(null);
      if (range == null) continue;
      double rarity =
          catalog.rarity(
              DoublePoint.newRangeQuery(
                  ItemFields.PRICE, range.lower(), Math.nextDown(range.upper())));
      favourites.add(
          new Favourite(
              Facet.PRICE_BAND,
              item -> item.price() >= range.lower() && item.price() < range.upper(),
              SECONDARY * weight * band.share() * rarity,
              "in your usual price range, %s",
              band.value()));
    }
    double largest = favourites.stream().mapToDouble(Favourite::boost).max().orElse(0);
    if (!(largest > 0)) return null;
    return of(
        favourites.stream()
            .filter(f -> f.boost() >= MIN_RELATIVE_BOOST * largest)
            .sorted(Comparator.comparingDouble(Favourite::boost).reversed())
            .toList());
  }

  private static AffinityBoost of(List<Favourite> favourites) {
    Map<String, Double> byCategory = new HashMap<>();
    Map<String, Double> byBrand = new HashMap<>();
    List<Favourite> others = new ArrayList<>();
    for (Favourite favourite : favourites) {
      switch (favourite.facet()) {
        case CATEGORY -> byCategory.merge(favourite.value(), favourite.boost(), Double::sum);
        case BRAND -> byBrand.merge(favourite.value(), favourite.boost(), Double::sum);
        default -> others.add(favourite);
      }
    }
    return new AffinityBoost(favourites, byCategory, byBrand, others);
  }

  /** What the boosts add to the item's score: the sum of those of the favourites it has. */
  double score(Item item) {
    double sum = 0;
    List<String> categories = item.categories();
    for (int k = 0; k < categories.size(); k++) {
      Double boost = byCategory.get(categories.get(k));
      // A value the path holds twice counts once, as a favourite does.
      if (boost != null && categories.indexOf(categories.get(k)) == k) sum += boost;
    }
    Double brand = item.brand() == null ? null : byBrand.get(item.brand());
    if (brand != null) sum += brand;
    for (Favourite favourite : others) if (favourite.has().test(item)) sum += favourite.boost();
    return sum;
  }

  /** The reason of the favourite with the largest boost that the item has, or null. */
  String reason(Item item) {
    for (Favourite favourite : favourites)
      if (favourite.has().test(item)) return favourite.explanation();
    return null;
  }

  private static List<Affinity> head(List<Affinity> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
