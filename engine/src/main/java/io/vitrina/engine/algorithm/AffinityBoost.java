package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.AffinityVector;
import io.vitrina.engine.profile.Facet;
import io.vitrina.engine.profile.PriceBand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A shopper's affinities as boosts: their {@value #CATEGORIES} strongest categories and {@value
 * #BRANDS} strongest brands and their strongest price band, each by weight × share × rarity in the
 * catalog (ln of the catalog size over the value's, like an idf, so a root category that holds
 * everything boosts nothing); brands and bands at {@value #SECONDARY} of that. Used to rescore
 * candidates another query found, not to find them: as query clauses, broad favourites matched
 * whole categories and stopped pruning.
 *
 * @param query SHOULD clauses, one per favourite
 * @param favourites largest boost first: the first an item has explains it
 */
record AffinityBoost(Query query, List<Favourite> favourites) {
  static final int CATEGORIES = 3;
  static final int BRANDS = 2;
  static final int PRICE_BANDS = 1;

  /**
   * Brands and price bands count for this much of a category: no public data with both to tune them
   * on, so they reorder close matches rather than outweigh the history (one purchase gives its
   * brand and band a share of 1).
   */
  static final double SECONDARY = 0.25;

  /** One boosted value, what an item must have to get it, how that reads, and how much it adds. */
  record Favourite(Predicate<Item> has, String reason, double boost) {}

  /** The shopper's affinities as boosts of {@code weight}; null when they have none. */
  static AffinityBoost of(AlgorithmContext context, float weight) {
    AffinityVector affinities = context.profile().affinities();
    if (affinities.isEmpty() || weight <= 0) return null;
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    List<Favourite> favourites = new ArrayList<>();
    CatalogView catalog = context.catalog();
    for (Affinity category : head(affinities.of(Facet.CATEGORY), CATEGORIES)) {
      double boost =
          weight * category.share() * catalog.rarity(ItemFields.CATEGORY, category.value());
      if (add(query, new TermQuery(new Term(ItemFields.CATEGORY, category.value())), boost))
        favourites.add(
            new Favourite(
                item -> item.categories().contains(category.value()),
                "from %s, one of your favourite categories".formatted(category.value()),
                boost));
    }
    for (Affinity brand : head(affinities.of(Facet.BRAND), BRANDS)) {
      double boost =
          SECONDARY * weight * brand.share() * catalog.rarity(ItemFields.BRAND, brand.value());
      if (add(query, new TermQuery(new Term(ItemFields.BRAND, brand.value())), boost))
        favourites.add(
            new Favourite(
                item -> brand.value().equals(item.brand()),
                "from %s, one of your favourite brands".formatted(brand.value()),
                boost));
    }
    for (Affinity band : head(affinities.of(Facet.PRICE_BAND), PRICE_BANDS)) {
      PriceBand range = PriceBand.parse(band.value()).orElse(null);
      if (range == null) continue;
      Query prices =
          DoublePoint.newRangeQuery(ItemFields.PRICE, range.lower(), Math.nextDown(range.upper()));
      double boost = SECONDARY * weight * band.share() * catalog.rarity(prices);
      if (add(query, prices, boost))
        favourites.add(
            new Favourite(
                item -> item.price() >= range.lower() && item.price() < range.upper(),
                "in your usual price range, %s".formatted(band.value()),
                boost));
    }
    if (favourites.isEmpty()) return null;
    favourites.sort(Comparator.comparingDouble(Favourite::boost).reversed());
    return new AffinityBoost(query.build(), favourites);
  }

  /** The reason of the strongest favourite the item has, or null. */
  String reason(Item item) {
    for (Favourite favourite : favourites)
      if (favourite.has().test(item)) return favourite.reason();
    return null;
  }

  private static boolean add(BooleanQuery.Builder query, Query match, double boost) {
    if (!(boost > 0)) return false;
    query.add(new BoostQuery(new ConstantScoreQuery(match), (float) boost), Occur.SHOULD);
    return true;
  }

  private static List<Affinity> head(List<Affinity> list, int max) {
    return list.size() <= max ? list : list.subList(0, max);
  }
}
