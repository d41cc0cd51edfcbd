package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.rule.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Everything an algorithm sees while answering one request: the request, the shopper's profile,
 * the context item, the model, and one searcher held for the whole request so that all its
 * queries see the same catalog.
 */
public final class AlgorithmContext {
  private final RecommendationRequest request;
  private final ProfileView profile;
  private final Item contextItem;
  private final ModelSnapshot model;
  private final IndexSearcher searcher;
  private final CatalogIndex index;
  private final Set<String> excluded = new LinkedHashSet<>();
  private final Map<String, Optional<Item>> itemCache = new HashMap<>();
  private StoredFields stored; // one per request: each storedFields() call clones its readers

  AlgorithmContext(
      RecommendationRequest request, ProfileView profile, Item contextItem, ModelSnapshot model, IndexSearcher searcher, CatalogIndex index) {
    this.request = request;
    this.profile = profile;
    this.contextItem = contextItem;
    this.model = model;
    this.searcher = searcher;
    this.index = index;
    if (request.itemId() != null) excluded.add(request.itemId());
    if (contextItem != null) itemCache.put(contextItem.id(), Optional.of(contextItem));
  }

  public RecommendationRequest request() {
    return request;
  }

  public ProfileView profile() {
    return profile;
  }

  /** The item of the page, or null. */
  public Item contextItem() {
    return contextItem;
  }

  public ModelSnapshot model() {
    return model;
  }

  public IndexSearcher searcher() {
    return searcher;
  }

  public CatalogIndex index() {
    return index;
  }

  /** Item ids no algorithm may return any more in this request. */
  public Set<String> excluded() {
    return excluded;
  }

  void exclude(String itemId) {
    excluded.add(itemId);
  }

  /**
   * Runs {@code candidates} under the rules and the request's filters, minus everything excluded
   * so far, and explains each hit.
   */
  public List<Candidate> search(Query candidates, int limit, Function<Item, String> explain) {
    try {
      TopDocs top = searcher.search(Rules.apply(candidates, request.filters(), excluded), limit);
      List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        Item item = CatalogIndex.item(stored(), hit.doc);
        out.add(new Candidate(item, hit.score, explain.apply(item)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps the ids that pass the rules, in the order given: for algorithms whose ranking is known
   * before the index is asked (recency, indicator strength). Only the kept items are loaded.
   */
  public List<Item> keepAllowed(List<String> orderedIds, int limit) {
    if (orderedIds.isEmpty()) return List.of();
    try {
      Query query = Rules.apply(Rules.anyOf(ItemFields.ID, orderedIds), request.filters(), excluded);
      Map<String, Integer> docById = new HashMap<>();
      for (ScoreDoc hit : searcher.search(query, orderedIds.size()).scoreDocs) {
        docById.put(stored().document(hit.doc, ID_ONLY).get(ItemFields.ID), hit.doc);
      }
      List<Item> out = new ArrayList<>(limit);
      for (String id : orderedIds) {
        Integer doc = docById.get(id);
        if (doc != null && out.size() < limit) out.add(CatalogIndex.item(stored(), doc));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Set<String> ID_ONLY = Set.of(ItemFields.ID);

  private StoredFields stored() throws IOException {
    if (stored == null) stored = searcher.storedFields();
    return stored;
  }

  /** An item by id (in stock or not), cached for the request; for explanations. */
  public Optional<Item> item(String itemId) {
    return itemCache.computeIfAbsent(itemId, this::lookUp);
  }

  private Optional<Item> lookUp(String itemId) {
    try {
      return CatalogIndex.find(searcher, itemId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "“Title”" of an item for explanations, or its id when it is gone from the catalog. */
  public String titleOf(String itemId) {
    return "“" + item(itemId).map(Item::title).filter(t -> !t.isBlank()).orElse(itemId) + "”";
  }
}
