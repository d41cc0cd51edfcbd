package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.IndicatorSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The algorithms a server offers, by name. Each is a family of candidate sources with a
 * configuration; {@link #standard()} is the catalogue built so far (numbers as in ALGORITHMS.md).
 */
public final class AlgorithmCatalog {
  public static final String PERSONAL = "personal";
  public static final String PERSONAL_EMBEDDING = "personal_embedding";
  public static final String POPULAR = "popular";
  public static final String SIMILAR = "similar";
  public static final String RECENTLY_VIEWED = "recently_viewed";
  public static final String ALSO_VIEWED = "also_viewed";
  public static final String ALSO_BOUGHT = "also_bought";

  private final Map<String, Algorithm> byName = new LinkedHashMap<>();

  public AlgorithmCatalog(Collection<Algorithm> algorithms) {
    for (Algorithm algorithm : algorithms) {
      if (byName.put(algorithm.name(), algorithm) != null) {
        throw new IllegalArgumentException("two algorithms named " + algorithm.name());
      }
    }
    for (Algorithm algorithm : algorithms) {
      for (String fallback : algorithm.fallbacks()) {
        if (!byName.containsKey(fallback)) {
          throw new IllegalArgumentException(
              algorithm.name() + " falls back to unknown " + fallback);
        }
      }
    }
  }

  public static AlgorithmCatalog standard() {
    return new AlgorithmCatalog(
        List.of(
            personal(),
            personalEmbedding(),
            popular(),
            similar(),
            recentlyViewed(),
            alsoViewed(),
            alsoBought()));
  }

  /** #21: the shopper's views, cart and purchases against the view and purchase indicators. */
  private static Algorithm personal() {
    var source =
        new HistoryQuery(
            List.of(
                new HistoryQuery.Clause(
                    ProfileList.CART,
                    IndicatorSpec.BUY,
                    1.5f,
                    10,
                    "often bought with %s in your cart"),
                new HistoryQuery.Clause(
                    ProfileList.CART,
                    IndicatorSpec.VIEW,
                    1.2f,
                    10,
                    "shoppers who looked at %s in your cart also looked at this"),
                new HistoryQuery.Clause(
                    ProfileList.PURCHASES, IndicatorSpec.BUY, 1.5f, 30, "because you bought %s"),
                new HistoryQuery.Clause(
                    ProfileList.RECENT_VIEWS, IndicatorSpec.VIEW, 1f, 30, "because you viewed %s")),
            0.001f,
            "popular right now");
    return new Algorithm(
        PERSONAL,
        "Personal recommendations: the shopper's views, cart and purchases as a query against co-occurrence indicators",
        Set.of(),
        List.of(POPULAR),
        source);
  }

  /** #22: the factor model's nearest items to the shopper's vector. */
  private static Algorithm personalEmbedding() {
    return new Algorithm(
        PERSONAL_EMBEDDING,
        "Personal recommendations from the factor model: the shopper's vector, folded in from their views, cart and purchases, against every item's",
        Set.of(),
        List.of(PERSONAL, POPULAR),
        new EmbeddingNeighbours(0.2f, "picked for your taste"));
  }

  /** #26: global best sellers by decayed demand; the end of every fallback chain. */
  private static Algorithm popular() {
    return new Algorithm(
        POPULAR,
        "Best sellers of the store by recent demand (views, carts and purchases, decayed over days)",
        Set.of(),
        List.of(),
        new FeatureRank(ItemFields.POPULARITY, "popular in the store", "popular in this category"));
  }

  /** #1: items alike by content, so it works for a new item on day one. */
  private static Algorithm similar() {
    return new Algorithm(
        SIMILAR,
        "Items most alike by content: title and description terms, category and brand",
        Set.of(ContextKind.ITEM),
        List.of(POPULAR),
        new ContentLikeness(25, 2f, 1f, "similar to %s"));
  }

  /** #23: the shopper's own recent views. */
  private static Algorithm recentlyViewed() {
    return new Algorithm(
        RECENTLY_VIEWED,
        "Items the shopper viewed recently, most recent first",
        Set.of(),
        List.of(POPULAR),
        new ProfileListing(ProfileList.RECENT_VIEWS, "you viewed this recently"));
  }

  /** #2: co-viewed with the page's item. */
  private static Algorithm alsoViewed() {
    return new Algorithm(
        ALSO_VIEWED,
        "Items viewed by the shoppers who viewed this item (log-likelihood co-occurrence of views)",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(IndicatorSpec.VIEW, "viewed together with %s by %d shoppers"));
  }

  /** #3: co-bought with the page's item. */
  private static Algorithm alsoBought() {
    return new Algorithm(
        ALSO_BOUGHT,
        "Items bought by the customers who bought this item (log-likelihood co-occurrence of purchases)",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(IndicatorSpec.BUY, "bought together with %s by %d customers"));
  }

  public Optional<Algorithm> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Algorithm> all() {
    return byName.values();
  }
}
