package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.Facet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Family: best sellers of the shopper's favourite values of one facet (brand, category), read from
 * their decayed affinities (a purchase counts twice a view). The {@code top} values become the
 * query, each boosted by its strength, and popularity orders the items within a value. With {@code
 * byRarity}, a value's strength is its share times its rarity in the catalog, so that a root
 * category, which every item is under, gives way to the categories that say something of taste.
 *
 * @param field the index field of the facet
 * @param has whether an item has a value of the facet
 * @param reason explanation, with {@code %s} for the favourite the item has
 */
public record FavoriteFacet(
    Facet facet,
    String field,
    BiPredicate<Item, String> has,
    boolean byRarity,
    int top,
    String reason)
    implements CandidateSource {
  /** Values weighed for the top, strongest share first. */
  static final int CANDIDATES = 8;

  /** Favourites count in whole steps; popularity (below 1) only orders within a step. */
  private static final float STEP = 10f;

  public static FavoriteFacet brands(int top, String reason) {
    return new FavoriteFacet(
        Facet.BRAND, ItemFields.BRAND, (item, v) -> v.equals(item.brand()), false, top, reason);
  }

  public static FavoriteFacet categories(int top, String reason) {
    return new FavoriteFacet(
        Facet.CATEGORY,
        ItemFields.CATEGORY,
        (item, v) -> item.categories().contains(v),
        true,
        top,
        reason);
  }

  private record Favourite(String value, double strength) {}

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    CatalogView catalog = context.catalog();
    // The rarity asks the index once per value: only the likeliest are weighed.
    List<Affinity> likeliest =
        context.profile().affinities().of(facet).stream().limit(CANDIDATES).toList();
    if (byRarity) likeliest = mostSpecific(likeliest, catalog);
    List<Favourite> favourites =
        likeliest.stream()
            .map(
                (Affinity a) ->
                    new Favourite(
                        a.value(), a.share() * (byRarity ? catalog.rarity(field, a.value()) : 1)))
            .filter(f -> f.strength() > 0)
            .sorted(Comparator.comparingDouble(Favourite::strength).reversed())
            .limit(top)
            .toList();
    if (favourites.isEmpty()) return List.of();
    double total = favourites.stream().mapToDouble(Favourite::strength).sum();
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Favourite f : favourites) {
      TermQuery value = new TermQuery(new Term(field, f.value()));
      any.add(
          new BoostQuery(new ConstantScoreQuery(value), (float) (STEP * f.strength() / total)),
          Occur.SHOULD);
    }
    BooleanQuery query =
        new BooleanQuery.Builder()
            .add(any.build(), Occur.MUST)
            .add(
                FeatureField.newSaturationQuery(ItemFields.FEATURES, ItemFields.POPULARITY, 1f, 1f),
                Occur.SHOULD)
            .build();
    return catalog.search(
        query,
        limit,
        item ->
            favourites.stream()
                .filter(f -> has.test(item, f.value()))
                .findFirst()
                .map(f -> reason.formatted(f.value()))
                .orElse(null));
  }

  /**
   * Leaves out a category above another of the values (Electronics when Phones is there too): the
   * more specific one says more of taste, and the broad one made the query match a whole branch.
   * One item of each value tells its path.
   */
  private static List<Affinity> mostSpecific(List<Affinity> values, CatalogView catalog) {
    List<List<String>> paths = new ArrayList<>(values.size());
    for (Affinity value : values)
      paths.add(
          catalog
              .anyItemWith(ItemFields.CATEGORY, value.value())
              .map(Item::categories)
              .orElse(List.of()));
    List<Affinity> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String category = values.get(i).value();
      boolean above = false;
      for (int j = 0; j < values.size() && !above; j++) {
        List<String> path = paths.get(j);
        int at = path.indexOf(category);
        above = at >= 0 && path.indexOf(values.get(j).value()) > at;
      }
      if (!above) out.add(values.get(i));
    }
    return out;
  }
}
