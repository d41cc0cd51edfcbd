package io.vitrina.server.storefront;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.algorithm.SearchResults;
import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The demo store's catalog read from the serving index (the store's product database, here), and
 * its search through the engine's search, as {@code GET /v1/search} answers it.
 */
public final class IndexedShopCatalog implements ShopCatalog {
  /** The departments are read from every item: again at most this often. */
  private static final Duration DEPARTMENTS_KEPT = Duration.ofSeconds(30);

  private final CatalogIndex index;
  private final Function<RecommendationRequest, SearchResults> search;
  private final Clock clock;
  private volatile Departments departments = new Departments(List.of(), Instant.EPOCH);

  private record Departments(List<Department> list, Instant read) {}

  /**
   * @param search the engine's search ({@code Recommender::search})
   */
  public IndexedShopCatalog(
      CatalogIndex index, Function<RecommendationRequest, SearchResults> search, Clock clock) {
    this.index = index;
    this.search = search;
    this.clock = clock;
  }

  @Override
  public List<Department> departments() {
    Departments kept = departments;
    Instant now = clock.instant();
    if (kept.list().isEmpty() || kept.read().plus(DEPARTMENTS_KEPT).isBefore(now)) {
      kept = new Departments(readDepartments(), now);
      departments = kept;
    }
    return kept.list();
  }

  private List<Department> readDepartments() {
    Map<String, Map<String, Integer>> tree = new LinkedHashMap<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    index.withSearcher(
        searcher -> {
          int max = Math.max(1, searcher.getIndexReader().maxDoc());
          for (ScoreDoc hit : searcher.search(MatchAllDocsQuery.INSTANCE, max).scoreDocs) {
            Item item = CatalogIndex.item(searcher, hit.doc);
            List<String> path = item.categories();
            if (path.isEmpty()) continue;
            sizes.merge(path.get(0), 1, Integer::sum);
            Map<String, Integer> aisles =
                tree.computeIfAbsent(path.get(0), k -> new LinkedHashMap<>());
            if (path.size() > 1) aisles.merge(path.get(path.size() - 1), 1, Integer::sum);
          }
          return null;
        });
    List<Department> out = new ArrayList<>();
    for (var top : tree.entrySet()) {
      List<Category> aisles = new ArrayList<>();
      top.getValue().forEach((name, count) -> aisles.add(category(name, count)));
      aisles.sort(Comparator.comparingInt(Category::items).reversed());
      out.add(new Department(category(top.getKey(), sizes.get(top.getKey())), List.copyOf(aisles)));
    }
    out.sort(Comparator.comparingInt((Department d) -> d.category().items()).reversed());
    return List.copyOf(out);
  }

  private static Category category(String name, int items) {
    return new Category(name, ShopCatalog.slug(name), items);
  }

  @Override
  public Optional<Item> item(String id) {
    return index.get(id);
  }

  @Override
  public Listing category(String name, int offset, int limit) {
    // The category's items, scored by the model's popularity.
    Query query =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(ItemFields.CATEGORY, name)), Occur.FILTER)
            .add(
                FeatureField.newSaturationQuery(ItemFields.FEATURES, ItemFields.POPULARITY),
                Occur.SHOULD)
            .build();
    return index.withSearcher(
        searcher -> {
          ScoreDoc[] hits = searcher.search(query, offset + limit).scoreDocs;
          List<Item> items = new ArrayList<>();
          for (int i = offset; i < hits.length; i++)
            items.add(CatalogIndex.item(searcher, hits[i].doc));
          return new Listing(List.copyOf(items), searcher.count(query));
        });
  }

  @Override
  public Listing search(String query, int offset, int limit) {
    if (query.isBlank() || offset + limit > RecommendationRequest.MAX_DEPTH) return Listing.EMPTY;
    RecommendationRequest request =
        RecommendationRequest.builder(AlgorithmCatalog.SEARCH_PERSONAL)
            .query(query)
            .offset(offset)
            .limit(limit)
            .build();
    SearchResults results = search.apply(request);
    List<Item> items = results.page().items().stream().map(RecommendedItem::item).toList();
    return new Listing(items, results.facets().total());
  }
}
