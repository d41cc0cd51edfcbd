package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.IndicatorSpec;
import io.vitrina.engine.rule.Restriction;
import io.vitrina.engine.segment.Lifecycle;
import io.vitrina.engine.signal.Event;
import java.time.Duration;
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
  public static final String VIEWED_THEN_BOUGHT = "viewed_then_bought";
  public static final String CROSS_SELL = "cross_sell";
  public static final String ALTERNATIVES = "alternatives";
  public static final String UPSELL = "upsell";
  public static final String CHEAPER = "cheaper";
  public static final String SAME_BRAND = "same_brand";
  public static final String CATEGORY_POPULAR = "category_popular";
  public static final String CATEGORY_PERSONAL = "category_personal";
  public static final String CATEGORY_NEW = "category_new";
  public static final String CATEGORY_SALE = "category_sale";
  public static final String CART_CROSS_SELL = "cart_cross_sell";
  public static final String ABANDONED_CART = "abandoned_cart";
  public static final String NEW_ARRIVALS = "new_arrivals";
  public static final String PERSONAL_SALE = "personal_sale";
  public static final String EMAIL_PERSONAL = "email_personal";
  public static final String FAVORITE_BRANDS = "favorite_brands";
  public static final String FAVORITE_CATEGORIES = "favorite_categories";
  public static final String PRICE_DROP = "price_drop";
  public static final String TRENDING = "trending";
  public static final String SEARCH_TO_ITEMS = "search_to_items";
  public static final String REPLENISH = "replenish";
  public static final String ITEM_CF = "item_cf";
  public static final String BOUGHT_TOGETHER = "bought_together";
  public static final String BACK_IN_STOCK = "back_in_stock";
  public static final String NEXT_BEST_OFFER = "next_best_offer";
  public static final String SEGMENT_POPULAR = "segment_popular";
  public static final String GEO_POPULAR = "geo_popular";
  public static final String SEARCH_PERSONAL = "search_personal";
  public static final String SEARCH_FALLBACK = "search_fallback";
  public static final String CATEGORY_TRENDING = "category_trending";

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
            alsoBought(),
            viewedThenBought(),
            crossSell(),
            alternatives(),
            priced(UPSELL, Restriction.PRICIER, "priced above", "a step up from"),
            priced(CHEAPER, Restriction.CHEAPER, "priced below", "a cheaper choice than"),
            sameBrand(),
            categoryPopular(),
            categoryPersonal(),
            newest(CATEGORY_NEW, Set.of(ContextKind.CATEGORY), "New arrivals of the category"),
            categorySale(),
            cartCrossSell(),
            abandonedCart(),
            newest(NEW_ARRIVALS, Set.of(), "The newest items of the store"),
            personalSale(),
            emailPersonal(),
            favoriteBrands(),
            favoriteCategories(),
            priceDrop(),
            trending(TRENDING, Set.of(), List.of(POPULAR), "Items whose demand is rising fastest"),
            trending(
                CATEGORY_TRENDING,
                Set.of(ContextKind.CATEGORY),
                List.of(CATEGORY_POPULAR),
                "Items of the category whose demand is rising fastest"),
            searchToItems(),
            searchPersonal(),
            searchFallback(),
            replenish(),
            itemCf(),
            boughtTogether(),
            backInStock(),
            nextBestOffer(),
            segmentPopular(),
            geoPopular()));
  }

  /*
   * Explanations say what the model counted: co-occurrence is per shopper over the model's window
   * (a shopper who bought X in May and Y in June counts for the pair once), never per order or
   * session, so a sentence says "customers who bought X also bought this", not "bought together".
   * A new item's indicators may be borrowed from a look-alike: its sentence says "new, like L" and
   * puts the shoppers' behaviour on L, the item they were about.
   */

  /** The cart clause's reasons: the storefront's cart or the one the shopper's events built. */
  private static final String CART_BOUGHT =
      "customers who bought %1$s (in your cart) also bought this";

  private static final String CART_BOUGHT_LENT =
      "new, like %2$s, which customers who bought %1$s (in your cart) also bought";

  /** How {@code personal} reads a history: cart, purchases, then recent views. */
  private static final HistoryQuery.Clause CART_BUY =
      new HistoryQuery.Clause(
          ProfileList.CART, IndicatorSpec.BUY, 1.5f, 10, CART_BOUGHT, CART_BOUGHT_LENT);

  private static final HistoryQuery.Clause CART_VIEW =
      new HistoryQuery.Clause(
          ProfileList.CART,
          IndicatorSpec.VIEW,
          1.2f,
          10,
          "shoppers who looked at %1$s (in your cart) also looked at this",
          "new, like %2$s, which shoppers who looked at %1$s (in your cart) also looked at");

  private static final HistoryQuery.Clause PURCHASES_BUY =
      new HistoryQuery.Clause(
          ProfileList.PURCHASES,
          IndicatorSpec.BUY,
          1.5f,
          30,
          "because you bought %1$s",
          "new, like %2$s, which customers who bought %1$s, as you did, also bought");

  private static final HistoryQuery.Clause VIEWS_VIEW =
      new HistoryQuery.Clause(
          ProfileList.RECENT_VIEWS,
          IndicatorSpec.VIEW,
          1f,
          30,
          "because you viewed %1$s",
          "new, like %2$s, which shoppers who viewed %1$s, as you did, also viewed");

  /**
   * How much the shopper's favourite categories count in {@code personal} (their share of the
   * history times their rarity in the catalog, see {@link HistoryQuery}): tuned on MovieLens'
   * validation split, 0 / 0.5 / 1 / 1.5 / 2 / 4 gave NDCG@10 0.1252 / 0.1293 / 0.1303 / 0.1287 /
   * 0.1288 / 0.1212.
   */
  static final float CATEGORY_AFFINITY = 1f;

  /**
   * How much the factor model's score of an item for the shopper's vector counts in {@code
   * personal}'s second opinion (see {@link HistoryQuery.Rescoring}).
   */
  static final float FACTOR_OPINION = 2f;

  /** The second opinion of the personal algorithms: affinities and the factor model. */
  static final HistoryQuery.Rescoring PERSONAL_RESCORING =
      new HistoryQuery.Rescoring(CATEGORY_AFFINITY, FACTOR_OPINION);

  static HistoryQuery personalQuery() {
    return new HistoryQuery(
        List.of(CART_BUY, CART_VIEW, PURCHASES_BUY, VIEWS_VIEW),
        0.001f,
        PERSONAL_RESCORING,
        "popular right now");
  }

  /** #21: the shopper's views, cart and purchases against the view and purchase indicators. */
  private static Algorithm personal() {
    return new Algorithm(
        PERSONAL,
        "Personal recommendations: the shopper's views, cart and purchases as a query against co-occurrence indicators",
        Set.of(),
        List.of(POPULAR),
        personalQuery());
  }

  /** #22: the factor model's nearest items to the shopper's vector. */
  private static Algorithm personalEmbedding() {
    return new Algorithm(
        PERSONAL_EMBEDDING,
        "Personal recommendations from the factor model: the shopper's vector, folded in from their views, cart and purchases, against every item's",
        Set.of(),
        List.of(PERSONAL, POPULAR),
        new EmbeddingNeighbours("picked for your taste"));
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
        List.of(),
        new ProfileListing(ProfileList.RECENT_VIEWS, "you viewed this recently"));
  }

  /** #2: co-viewed with the page's item. */
  private static Algorithm alsoViewed() {
    return new Algorithm(
        ALSO_VIEWED,
        "Items viewed by the shoppers who viewed this item (log-likelihood co-occurrence of views)",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(
            IndicatorSpec.VIEW,
            "%2$d shoppers who viewed %1$s also viewed this",
            "%1$s is new, like %3$s: %2$d shoppers who viewed %3$s also viewed this"));
  }

  /** #3: co-bought with the page's item. */
  private static Algorithm alsoBought() {
    return new Algorithm(
        ALSO_BOUGHT,
        "Items bought by the customers who bought this item (log-likelihood co-occurrence of purchases)",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(
            IndicatorSpec.BUY,
            "%2$d customers who bought %1$s also bought this",
            "%1$s is new, like %3$s: %2$d customers who bought %3$s also bought this"));
  }

  /** #4: what the viewers of the page's item bought (view → purchase cross-occurrence). */
  private static Algorithm viewedThenBought() {
    return new Algorithm(
        VIEWED_THEN_BOUGHT,
        "Items that shoppers who viewed this item went on to buy (view → purchase cross-occurrence)",
        Set.of(ContextKind.ITEM),
        List.of(ALSO_BOUGHT, SIMILAR, POPULAR),
        new IndicatedBy(
            IndicatorSpec.VIEW_BUY,
            "%2$d shoppers who viewed %1$s bought this",
            "new, like %3$s, which %2$d shoppers who viewed %1$s bought"));
  }

  /** #5: complements, co-bought items from other categories. */
  private static Algorithm crossSell() {
    return new Algorithm(
        CROSS_SELL,
        "Complements: items co-bought with this item from other categories (accessories)",
        Set.of(ContextKind.ITEM),
        List.of(VIEWED_THEN_BOUGHT, POPULAR),
        new ItemIndicators(
            IndicatorSpec.BUY,
            "goes with %1$s: %2$d customers who bought it also bought this",
            "goes with %1$s, new, like %3$s: %2$d customers who bought %3$s also bought this"),
        Set.of(Restriction.OTHER_CATEGORY));
  }

  private static final String SUBSTITUTE_REASON =
      "an alternative to %1$s: %2$d shoppers who looked at it looked at this too";

  private static final String SUBSTITUTE_LENT_REASON =
      "an alternative to %1$s, new, like %3$s: %2$d shoppers who looked at %3$s looked at this too";

  /** #6: substitutes, co-viewed and not co-bought, in the item's category. */
  private static Algorithm alternatives() {
    return new Algorithm(
        ALTERNATIVES,
        "Substitutes: items of the same category viewed with this item but not bought with it",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(
            IndicatorSpec.VIEW, IndicatorSpec.BUY, SUBSTITUTE_REASON, SUBSTITUTE_LENT_REASON),
        Set.of(Restriction.SAME_CATEGORY));
  }

  /**
   * #7 and #8: substitutes priced above or below the item.
   *
   * @param relation how the explanation relates an item to the page's ("a step up from")
   */
  private static Algorithm priced(
      String name, Restriction price, String description, String relation) {
    return new Algorithm(
        name,
        "Substitutes "
            + description
            + " this item: co-viewed items of its category, then similar ones",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR, POPULAR),
        new ItemIndicators(
            IndicatorSpec.VIEW,
            IndicatorSpec.BUY,
            relation + " %1$s: %2$d shoppers who viewed it viewed this too",
            relation + " %1$s, new, like %3$s: %2$d shoppers who viewed %3$s viewed this too"),
        Set.of(Restriction.SAME_CATEGORY, price));
  }

  /** #9: the best sellers of the item's brand. */
  private static Algorithm sameBrand() {
    return new Algorithm(
        SAME_BRAND,
        "Best sellers of this item's brand",
        Set.of(ContextKind.ITEM),
        List.of(SIMILAR),
        new FeatureRank(
            ItemFields.POPULARITY, "popular from this brand", "popular from this brand"),
        Set.of(Restriction.SAME_BRAND));
  }

  /** #11: best sellers of the page's category (the category parameter filters every block). */
  private static Algorithm categoryPopular() {
    return new Algorithm(
        CATEGORY_POPULAR,
        "Best sellers of the category",
        Set.of(ContextKind.CATEGORY),
        List.of(),
        new FeatureRank(
            ItemFields.POPULARITY, "popular in this category", "popular in this category"),
        Set.of(Restriction.PAGE_CATEGORY));
  }

  /** #12: the category ranked for this shopper. */
  private static Algorithm categoryPersonal() {
    return new Algorithm(
        CATEGORY_PERSONAL,
        "The category ranked for this shopper: personal recommendations within the category, then its best sellers",
        Set.of(ContextKind.CATEGORY),
        List.of(CATEGORY_POPULAR),
        personalQuery(),
        Set.of(Restriction.PAGE_CATEGORY));
  }

  /** #13 and #28: newest items, of the category or of the store. */
  private static Algorithm newest(String name, Set<ContextKind> requires, String description) {
    return new Algorithm(
        name,
        description
            + ", by the date the store gave them; new items show at once, without a model build",
        requires,
        List.of(POPULAR),
        new Newest(
            "one of the newest in the store, added %s",
            "one of the newest in this category, added %s"),
        requires.contains(ContextKind.CATEGORY) ? Set.of(Restriction.PAGE_CATEGORY) : Set.of());
  }

  /** #15: discounted items of the category, ranked for this shopper. */
  private static Algorithm categorySale() {
    return new Algorithm(
        CATEGORY_SALE,
        "Discounted items of the category, ranked for this shopper, then by demand",
        Set.of(ContextKind.CATEGORY),
        List.of(CATEGORY_POPULAR),
        personalQuery(),
        Set.of(Restriction.ON_SALE, Restriction.PAGE_CATEGORY));
  }

  /** #19: complements to the whole cart. */
  private static Algorithm cartCrossSell() {
    return new Algorithm(
        CART_CROSS_SELL,
        "Complements to the whole cart: every cart item as one query against the purchase and view indicators",
        Set.of(ContextKind.CART),
        List.of(POPULAR),
        new HistoryQuery(List.of(CART_BUY, CART_VIEW), 0.001f, "popular right now"));
  }

  /** #24: what the shopper left in the cart; a purchase takes items out of it. */
  private static Algorithm abandonedCart() {
    return new Algorithm(
        ABANDONED_CART,
        "Items left in the shopper's cart (a purchase takes them out), then recently viewed ones",
        Set.of(),
        List.of(RECENTLY_VIEWED),
        new ProfileListing(ProfileList.CART, "in your cart"));
  }

  /** #29: discounted items the shopper is likely to want. */
  private static Algorithm personalSale() {
    return new Algorithm(
        PERSONAL_SALE,
        "Discounted items ranked for this shopper, then the discounted best sellers",
        Set.of(),
        List.of(POPULAR),
        personalQuery(),
        Set.of(Restriction.ON_SALE));
  }

  /** #37: personal recommendations for a mailing: purchases and views, no session cart. */
  private static Algorithm emailPersonal() {
    return new Algorithm(
        EMAIL_PERSONAL,
        "Personal recommendations for a mailing: the shopper's purchases and views, no session context, recent purchases left out",
        Set.of(),
        List.of(POPULAR),
        new HistoryQuery(
            List.of(PURCHASES_BUY, VIEWS_VIEW), 0.001f, PERSONAL_RESCORING, "popular right now"));
  }

  /** #30: best sellers of the shopper's favourite brands. */
  private static Algorithm favoriteBrands() {
    return new Algorithm(
        FAVORITE_BRANDS,
        "Best sellers of the brands the shopper buys and views most",
        Set.of(),
        List.of(POPULAR),
        FavoriteFacet.brands(3, "from %s, a brand you like"));
  }

  /** #31: best sellers of the shopper's favourite categories. */
  private static Algorithm favoriteCategories() {
    return new Algorithm(
        FAVORITE_CATEGORIES,
        "Best sellers of the categories the shopper buys and views most",
        Set.of(),
        List.of(POPULAR),
        FavoriteFacet.categories(3, "from %s, a category you like"));
  }

  /** #35: items the shopper viewed that are now discounted. */
  private static Algorithm priceDrop() {
    return new Algorithm(
        PRICE_DROP,
        "Items the shopper viewed that are now discounted (the store sent an old price above the price), most recently viewed first",
        Set.of(),
        List.of(),
        new ProfileListing(ProfileList.RECENT_VIEWS, "you viewed this, and it is on sale"),
        Set.of(Restriction.ON_SALE));
  }

  /**
   * #27 and #14: rising demand (last day against the long run); only rising items have the feature,
   * so steady best sellers come from the fallback, after them.
   */
  private static Algorithm trending(
      String name, Set<ContextKind> requires, List<String> fallbacks, String description) {
    return new Algorithm(
        name,
        description + ": demand over the last day against its long-run rate",
        requires,
        fallbacks,
        new FeatureRank(ItemFields.TREND, "trending in the store", "trending in this category"),
        requires.contains(ContextKind.CATEGORY) ? Set.of(Restriction.PAGE_CATEGORY) : Set.of());
  }

  /** #16: what shoppers engaged with after searching this text. */
  private static Algorithm searchToItems() {
    return new Algorithm(
        SEARCH_TO_ITEMS,
        "Items shoppers clicked, carted or bought after searching this text (search → item cross-occurrence)",
        Set.of(ContextKind.SEARCH),
        List.of(SEARCH_FALLBACK, POPULAR),
        new SearchedThenBought(
            IndicatorSpec.SEARCH_BUY,
            "%2$d shoppers who searched “%1$s” chose this",
            "new, like %3$s, which %2$d shoppers who searched “%1$s” chose"));
  }

  /** #17: the search results re-ordered for the shopper. */
  private static Algorithm searchPersonal() {
    return new Algorithm(
        SEARCH_PERSONAL,
        "Search results (English and Russian stems, typos forgiven) re-ordered for the shopper's history",
        Set.of(ContextKind.SEARCH),
        List.of(SEARCH_FALLBACK, PERSONAL, POPULAR),
        new PersonalizedSearch(new ListingRanker(personalQuery()), 100, "matches “%s”"));
  }

  /** #18: when the text finds (nearly) nothing: any word, then the shopper's picks. */
  private static Algorithm searchFallback() {
    return new Algorithm(
        SEARCH_FALLBACK,
        "What to show when a search finds too little: items matching any word of it, then personal picks and best sellers",
        Set.of(ContextKind.SEARCH),
        List.of(PERSONAL, POPULAR),
        new TextMatch(false, "close to “%s”"));
  }

  /** #25: consumables due again by the shopper's own purchase cycle. */
  private static Algorithm replenish() {
    return new Algorithm(
        REPLENISH,
        "Items the shopper buys again and again, once their own purchase cycle says they are due",
        Set.of(),
        List.of(),
        new Replenishment(0.8, "you buy this about every %d days; the last time was %d days ago"));
  }

  /**
   * #10: item-based collaborative filtering: the items most similar to this one by who viewed them
   * (asymmetric cosine over shoppers), looked up the other way round from {@code also_viewed}.
   */
  private static Algorithm itemCf() {
    return new Algorithm(
        ITEM_CF,
        "Item-based collaborative filtering: the items whose shoppers overlap most with this item's (asymmetric cosine of co-views)",
        Set.of(ContextKind.ITEM),
        List.of(ALSO_VIEWED, SIMILAR, POPULAR),
        new IndicatedBy(
            IndicatorSpec.VIEW,
            "%2$d shoppers who looked at %1$s looked at this too",
            "new, like %3$s, which %2$d shoppers who looked at %1$s looked at too"));
  }

  /** #20: what is bought together with the page's item and the cart, as one basket. */
  private static Algorithm boughtTogether() {
    return new Algorithm(
        BOUGHT_TOGETHER,
        "Bought with the page's item and the cart: both as one basket against the purchase indicators (what their buyers also bought)",
        Set.of(),
        List.of(ALSO_BOUGHT, POPULAR),
        new HistoryQuery(
            List.of(
                new HistoryQuery.Clause(
                    ProfileList.PAGE_ITEM,
                    IndicatorSpec.BUY,
                    2f,
                    1,
                    "customers who bought %1$s also bought this",
                    "new, like %2$s, which customers who bought %1$s also bought"),
                new HistoryQuery.Clause(
                    ProfileList.CART, IndicatorSpec.BUY, 1f, 10, CART_BOUGHT, CART_BOUGHT_LENT)),
            0.001f,
            "popular right now"));
  }

  /** #36: what the shopper wanted that is available again. */
  private static Algorithm backInStock() {
    return new Algorithm(
        BACK_IN_STOCK,
        "Items the shopper looked at that came back in stock in the last two weeks, the latest restock first",
        Set.of(),
        List.of(),
        new BackInStock(Duration.ofDays(14), "back in stock"));
  }

  /** #34: what the shoppers most like this one bought (user-to-user, in the factor model). */
  private static Algorithm nextBestOffer() {
    return new Algorithm(
        NEXT_BEST_OFFER,
        "What the 50 buyers most like this shopper bought (their vectors in the factor model nearest to the shopper's)",
        Set.of(),
        List.of(PERSONAL, POPULAR),
        new LookalikeOffers(50, "bought by %d shoppers like you"));
  }

  /** #33: best sellers of the shopper's lifecycle segment, as bought by shoppers in it. */
  private static Algorithm segmentPopular() {
    return new Algorithm(
        SEGMENT_POPULAR,
        "Best sellers of the shopper's lifecycle segment (never bought, new, active, loyal, at risk, lapsed): what shoppers bought while in that segment",
        Set.of(),
        List.of(POPULAR),
        new GroupBestSellers(
            context -> {
              Lifecycle segment = Lifecycle.of(context.profile().orders(), context.now());
              return new GroupBestSellers.Group(segment.groupKey(), SEGMENT_NAMES.get(segment));
            },
            "popular with %s"));
  }

  /** #32: best sellers of the shopper's region (the region their latest event named). */
  private static Algorithm geoPopular() {
    return new Algorithm(
        GEO_POPULAR,
        "Best sellers of the shopper's region, as the store's events name regions (the region of the shopper's latest event that had one)",
        Set.of(),
        List.of(POPULAR),
        new GroupBestSellers(
            context -> {
              String region = context.profile().region();
              return region == null
                  ? null
                  : new GroupBestSellers.Group(Event.regionKey(region), region);
            },
            "popular in %s"));
  }

  private static final Map<Lifecycle, String> SEGMENT_NAMES =
      Map.of(
          Lifecycle.NEVER_BOUGHT, "shoppers buying for the first time",
          Lifecycle.NEW, "new customers",
          Lifecycle.ACTIVE, "regular customers",
          Lifecycle.LOYAL, "loyal customers",
          Lifecycle.AT_RISK, "customers who have not ordered for a while",
          Lifecycle.LAPSED, "customers coming back");

  public Optional<Algorithm> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Algorithm> all() {
    return byName.values();
  }
}
