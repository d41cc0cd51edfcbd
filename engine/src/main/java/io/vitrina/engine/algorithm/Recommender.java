package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.rule.Filters;
import io.vitrina.engine.rule.Restriction;
import io.vitrina.engine.search.SearchFacets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;

/**
 * Answers a recommendation request: runs the asked algorithm, then its fallback chain until the
 * block is full, never repeating an item and never returning the context item. CPU-only work on an
 * in-memory index, cheap enough for the event loop.
 */
public final class Recommender {
  private final CatalogIndex index;
  private final ProfileStore profiles;
  private final AlgorithmCatalog algorithms;

  /** Null when answers are not cached. */
  private final AnswerCache cache;

  private final ListingRanker ranker = new ListingRanker(AlgorithmCatalog.personalQuery());

  private final Duration purchaseExclusion;
  private final Clock clock;

  /** How long a bought item stays out of blocks that propose new items, unless configured. */
  public static final Duration DEFAULT_PURCHASE_EXCLUSION = Duration.ofDays(90);

  /** Caching answers, leaving out purchases of the default window. */
  public Recommender(CatalogIndex index, ProfileStore profiles, AlgorithmCatalog algorithms) {
    this(index, profiles, algorithms, true, DEFAULT_PURCHASE_EXCLUSION, Clock.systemUTC());
  }

  /**
   * @param cacheAnswers keep the answers of algorithms that are the same for every shopper (and
   *     whose fallbacks are too) until the catalog or the model changes
   * @param purchaseExclusion items the shopper bought within this long before {@code clock}'s now
   *     stay out of blocks that propose new items
   */
  public Recommender(
      CatalogIndex index,
      ProfileStore profiles,
      AlgorithmCatalog algorithms,
      boolean cacheAnswers,
      Duration purchaseExclusion,
      Clock clock) {
    this.index = index;
    this.profiles = profiles;
    this.algorithms = algorithms;
    this.cache = cacheAnswers ? new AnswerCache() : null;
    this.purchaseExclusion = purchaseExclusion;
    this.clock = clock;
  }

  public AlgorithmCatalog algorithms() {
    return algorithms;
  }

  /**
   * @throws UnknownAlgorithmException when no algorithm has that name
   * @throws UnknownFallbackException when the request's fallback names an unknown algorithm
   * @throws MissingContextException when the algorithm requires context the request does not give
   * @throws UnknownItemException when the algorithm needs the page's item and the catalog does not
   *     have it
   * @throws UnknownCategoryException when the request names a category no item is under
   */
  public Recommendations recommend(RecommendationRequest asked) {
    Algorithm algorithm = algorithmOf(asked);
    Shopper shopper = asked.shopper();
    List<String> bought = bought(algorithm, shopper);
    return index.withSearcher(
        searcher -> {
          Spelled request = inCatalogSpelling(asked, searcher);
          // A dithered or rotated block depends on the shopper: computed for each.
          if (cache == null
              || !sameForEveryShopper(algorithm, asked.fallback())
              || asked.rules().dependsOnShopper()) {
            ProfileView profile = profiles.view(shopper.visitorId(), shopper.customerId());
            return answer(algorithm, request, profile, bought, searcher);
          }
          Recommendations shared =
              cache.get(
                  searcher,
                  request.request(),
                  () -> answer(algorithm, request, ProfileView.EMPTY, List.of(), searcher));
          // The shared answer holds nothing this shopper bought (the common case), or the block is
          // computed for them alone, leaving their purchases out.
          if (!holdsAny(shared, bought)) return shared;
          return answer(
              algorithm,
              request,
              profiles.view(shopper.visitorId(), shopper.customerId()),
              bought,
              searcher);
        });
  }

  /**
   * A search page: the asked text-search algorithm's answer for the request's page of the ranking,
   * with how many items match the text under the request's filters and rules, and their counts by
   * category, brand and price band.
   *
   * @throws MissingContextException without a search text
   */
  public SearchResults search(RecommendationRequest asked) {
    Algorithm algorithm = algorithmOf(asked);
    if (!algorithm.requires().contains(ContextKind.SEARCH))
      throw new IllegalArgumentException(algorithm.name() + " is not a text search");
    Shopper shopper = asked.shopper();
    List<String> bought = bought(algorithm, shopper);
    return index.withSearcher(
        searcher -> {
          Spelled request = inCatalogSpelling(asked, searcher);
          ProfileView profile = profiles.view(shopper.visitorId(), shopper.customerId());
          Block block = prepare(algorithm, request, profile, bought, searcher);
          // Counted before the block fills: filling excludes what it took from later queries.
          CatalogView catalog = block.context().catalog();
          SearchFacets facets =
              catalog
                  .textQuery(asked.page().query(), true)
                  .map(catalog::facets)
                  .orElse(SearchFacets.NONE);
          return new SearchResults(fill(algorithm, block), facets);
        });
  }

  private Algorithm algorithmOf(RecommendationRequest request) {
    Algorithm algorithm =
        algorithms
            .get(request.algorithm())
            .orElseThrow(() -> new UnknownAlgorithmException(request.algorithm(), algorithms));
    for (String name : request.fallback().named())
      if (algorithms.get(name).isEmpty()) throw new UnknownFallbackException(name, algorithms);
    requireContext(algorithm, request);
    return algorithm;
  }

  /** What the shopper bought lately, which a block that proposes new items leaves out. */
  private List<String> bought(Algorithm algorithm, Shopper shopper) {
    return algorithm.source().proposesNewItems()
        ? profiles.purchasesSince(
            shopper.visitorId(), shopper.customerId(), clock.instant().minus(purchaseExclusion))
        : List.of();
  }

  /**
   * A request with its categories as the catalog spells them, and the spellings of the page's
   * category (empty for none; more than one when items spell it in different cases).
   */
  private record Spelled(RecommendationRequest request, List<String> pageCategory) {}

  /**
   * Categories are matched without regard to case: in the catalog's spelling the filters' terms
   * find them, and "phones" and "Phones" share a cached answer.
   *
   * @throws UnknownCategoryException when no item is under a category the request names
   */
  private Spelled inCatalogSpelling(RecommendationRequest asked, IndexSearcher searcher) {
    String category = asked.page().category();
    List<String> filtered = asked.filters().categories();
    if (category == null && filtered.isEmpty()) return new Spelled(asked, List.of());
    CatalogView catalog = new CatalogView(searcher, index.analyzer(), Filters.NONE);
    List<String> pageCategory = category == null ? List.of() : spellings(catalog, category);
    Set<String> filterSpellings = new LinkedHashSet<>();
    for (String name : filtered)
      filterSpellings.addAll(name.equals(category) ? pageCategory : spellings(catalog, name));
    return new Spelled(
        asked.withCategories(
            category == null ? null : pageCategory.get(0), List.copyOf(filterSpellings)),
        pageCategory);
  }

  private static List<String> spellings(CatalogView catalog, String category) {
    List<String> spellings = catalog.categorySpellings(category);
    if (spellings.isEmpty())
      throw new UnknownCategoryException(category, catalog.categoriesNear(category, 3));
    return spellings;
  }

  /**
   * Re-orders a store's listing for the shopper (see {@link ListingRanker}); every listed id comes
   * back once, known to the catalog or not.
   */
  public List<RankedItem> rank(RankRequest request) {
    Shopper shopper = request.shopper();
    RecommendationRequest asked =
        RecommendationRequest.builder(AlgorithmCatalog.PERSONAL)
            .visitor(shopper.visitorId())
            .customer(shopper.customerId())
            .build();
    return index.withSearcher(
        searcher -> {
          ProfileView profile = profiles.view(shopper.visitorId(), shopper.customerId());
          CatalogView catalog = new CatalogView(searcher, index.analyzer(), Filters.NONE);
          AlgorithmContext context =
              new AlgorithmContext(asked, profile, null, index.vectors(), catalog, clock.instant());
          return ranker.rank(request.itemIds(), request.personalization(), context);
        });
  }

  private static boolean holdsAny(Recommendations answer, List<String> itemIds) {
    if (itemIds.isEmpty()) return false;
    for (RecommendedItem item : answer.items()) if (itemIds.contains(item.item().id())) return true;
    return false;
  }

  /**
   * Whether the algorithm and every fallback {@code fallback} may ask answer alike for every
   * shopper.
   */
  private boolean sameForEveryShopper(Algorithm algorithm, Fallback fallback) {
    if (!algorithm.source().sameForEveryShopper()) return false;
    for (String name : fallback.chain(algorithm)) {
      if (!algorithms.get(name).orElseThrow().source().sameForEveryShopper()) return false;
    }
    return true;
  }

  /**
   * @param bought item ids to leave out, fallbacks included: the shopper's recent purchases
   */
  private Recommendations answer(
      Algorithm algorithm,
      Spelled spelled,
      ProfileView profile,
      List<String> bought,
      IndexSearcher searcher) {
    return fill(algorithm, prepare(algorithm, spelled, profile, bought, searcher));
  }

  /**
   * A block about to be filled: what its algorithms see, its merchandising, and the spellings of
   * the page's category its restrictions read.
   */
  private record Block(
      AlgorithmContext context, Merchandiser merchandiser, List<String> pageCategory) {}

  /** The block's view of the catalog under every rule of the request, before any item is taken. */
  private Block prepare(
      Algorithm algorithm,
      Spelled spelled,
      ProfileView profile,
      List<String> bought,
      IndexSearcher searcher) {
    RecommendationRequest request = spelled.request();
    List<String> pageCategory = spelled.pageCategory();
    CatalogView catalog = new CatalogView(searcher, index.analyzer(), request.filters());
    Item contextItem = contextItem(request, algorithm, catalog);
    bought.forEach(catalog::exclude);
    if (request.page().itemId() != null) catalog.exclude(request.page().itemId());
    // Pins are set aside first: a merchandiser's pin shows whatever the block's other rules say,
    // as long as it is in stock and not excluded.
    Merchandiser merchandiser = new Merchandiser(request.rules(), profile);
    merchandiser.prepare(catalog);
    List<BooleanClause> rules = request.rules().clauses();
    catalog.restrict(restrictions(algorithm.restrictions(), contextItem, pageCategory, rules));
    AlgorithmContext context =
        new AlgorithmContext(
            request, profile, contextItem, index.vectors(), catalog, clock.instant());
    return new Block(context, merchandiser, pageCategory);
  }

  /** The algorithm's items, then its fallbacks' until the request's page is full. */
  private Recommendations fill(Algorithm algorithm, Block block) {
    AlgorithmContext context = block.context();
    RecommendationRequest request = context.request();
    Merchandiser merchandiser = block.merchandiser();
    List<BooleanClause> rules = request.rules().clauses();
    int target = merchandiser.target(request.depth());
    List<RecommendedItem> out = new ArrayList<>(target);
    collect(algorithm, context, merchandiser, out, target);
    for (String fallback : request.fallback().chain(algorithm)) {
      if (out.size() >= target) break;
      Algorithm next = algorithms.get(fallback).orElseThrow();
      if (!canAnswer(next, request, context.contextItem())) continue;
      // The asked algorithm's restrictions bind the whole block; a fallback adds its own.
      Set<Restriction> both = EnumSet.noneOf(Restriction.class);
      both.addAll(algorithm.restrictions());
      both.addAll(next.restrictions());
      context
          .catalog()
          .restrict(restrictions(both, context.contextItem(), block.pageCategory(), rules));
      collect(next, context, merchandiser, out, target);
    }
    return merchandiser.finish(algorithm.name(), out, request, clock.instant());
  }

  /** The algorithm's restrictions for this page, and the block's property rules. */
  private static List<BooleanClause> restrictions(
      Set<Restriction> restrictions,
      Item pageItem,
      List<String> pageCategory,
      List<BooleanClause> rules) {
    List<BooleanClause> out = new ArrayList<>(rules);
    for (Restriction restriction : restrictions)
      restriction.clause(pageItem, pageCategory).ifPresent(out::add);
    return out;
  }

  private static void requireContext(Algorithm algorithm, RecommendationRequest request) {
    for (ContextKind kind : algorithm.requires()) {
      if (!request.has(kind)) {
        throw new MissingContextException(
            algorithm.name() + " needs " + article(kind) + ": pass " + kind.howToPass());
      }
    }
  }

  private static String article(ContextKind kind) {
    return kind == ContextKind.ITEM ? "an item" : "a " + kind.wireName();
  }

  /** A fallback runs only where its own requirements are met. */
  private static boolean canAnswer(
      Algorithm algorithm, RecommendationRequest request, Item contextItem) {
    if (algorithm.needsItem() && contextItem == null) return false;
    return algorithm.requires().stream().allMatch(request::has);
  }

  /**
   * The page's item; null when the page names none, or one the catalog does not have and the
   * algorithm can do without (an item page whose item the feed has not brought yet).
   */
  private static Item contextItem(
      RecommendationRequest request, Algorithm algorithm, CatalogView catalog) {
    String itemId = request.page().itemId();
    if (itemId == null) return null;
    Optional<Item> item = catalog.item(itemId);
    if (item.isEmpty() && algorithm.needsItem()) throw new UnknownItemException(itemId);
    return item.orElse(null);
  }

  private static void collect(
      Algorithm algorithm,
      AlgorithmContext context,
      Merchandiser merchandiser,
      List<RecommendedItem> out,
      int limit) {
    CatalogView catalog = context.catalog();
    for (Candidate candidate :
        algorithm.recommend(context, merchandiser.toAsk(limit - out.size()))) {
      if (out.size() >= limit) return;
      if (catalog.excluded().contains(candidate.item().id())) continue;
      if (!merchandiser.admit(candidate.item())) continue;
      catalog.exclude(candidate.item().id());
      out.add(
          new RecommendedItem(
              candidate.item(), candidate.score(), candidate.explanation(), algorithm.name()));
    }
  }

  /** The request names an algorithm this server does not have. */
  public static final class UnknownAlgorithmException extends RuntimeException {
    public UnknownAlgorithmException(String name, AlgorithmCatalog available) {
      super(
          "unknown algorithm '"
              + name
              + "'; available: "
              + String.join(", ", available.all().stream().map(Algorithm::name).toList()));
    }
  }

  /** The request's fallback names an algorithm this server does not have. */
  public static final class UnknownFallbackException extends RuntimeException {
    public UnknownFallbackException(String name, AlgorithmCatalog available) {
      super(
          "unknown algorithm '"
              + name
              + "'; available: "
              + String.join(", ", available.all().stream().map(Algorithm::name).toList()));
    }
  }

  /** The algorithm needs context the request does not give. */
  public static final class MissingContextException extends RuntimeException {
    public MissingContextException(String message) {
      super(message);
    }
  }

  /** The algorithm needs the page's item, and the catalog does not have it. */
  public static final class UnknownItemException extends RuntimeException {
    public UnknownItemException(String itemId) {
      super("item '" + itemId + "' is not in the catalog");
    }
  }

  /** The request names a category no item of the catalog is under. */
  public static final class UnknownCategoryException extends RuntimeException {
    private final List<String> nearest;

    public UnknownCategoryException(String category, List<String> nearest) {
      super(
          "no item is under the category '"
              + category
              + "'"
              + (nearest.isEmpty() ? "" : "; did you mean " + String.join(" or ", nearest) + "?"));
      this.nearest = List.copyOf(nearest);
    }

    /** The catalog's categories nearest the asked one, nearest first; may be empty. */
    public List<String> nearest() {
      return nearest;
    }
  }
}
