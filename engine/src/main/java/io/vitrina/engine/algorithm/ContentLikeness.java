package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.CatalogIndex;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import io.vitrina.engine.catalog.ItemNeighbours;
import io.vitrina.engine.rule.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Family: items alike by content to the page's item. The distinctive stemmed terms of its title and
 * description, the leaf category and the brand are the query; no behaviour needed, so it works for
 * a new item on day one.
 *
 * <p>The query is a disjunction of a few dozen terms over the whole catalog (about 0.3 ms at 100k
 * items), so its answers for every item are made in the background ({@link #neighbours}) and an
 * item page reads its item's list, checked against the rules like an indicator list. The query
 * answers when there is no list yet (an item added since), when the block's rules keep a small part
 * of the catalog or boost some items, and when the rules left too few of the list.
 *
 * @param reason explanation, with {@code %s} for the page item's title
 */
public record ContentLikeness(
    int maxTextTerms, float categoryBoost, float brandBoost, String reason)
    implements CandidateSource {
  private static final String[] TEXT_FIELDS = {ItemFields.SEARCH_STEMMED};

  /** Neighbours kept per item: three blocks of ten, for stock and exclusions to take from. */
  public static final int NEIGHBOURS = 30;

  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Item item = context.contextItem();
    CatalogView catalog = context.catalog();
    String why = Reasons.fill(reason, catalog.titleOf(item.id()));
    // Boosting rules may lift an item from beyond the list: the query ranks them all.
    ItemNeighbours.Listed listed =
        catalog.narrowed() || catalog.boosting() ? null : catalog.contentNeighbours(item.id());
    if (listed != null && limit <= NEIGHBOURS) {
      float[] scores = listed.scores();
      CatalogView.Ranked ranked =
          new CatalogView.Ranked() {
            @Override
            public double score(int position, Item neighbour) {
              return scores[position];
            }

            @Override
            public String explain(int position, Item neighbour) {
              return why;
            }
          };
      List<Candidate> kept = catalog.keepAllowed(listed.docs(), ranked, limit);
      // A short list is all the query found: it would find no more.
      if (kept.size() == limit || listed.docs().length < NEIGHBOURS) return kept;
    }
    return catalog.search(query(catalog, item), limit, candidate -> why);
  }

  private Query query(CatalogView catalog, Item item) {
    BooleanQuery.Builder alike = new BooleanQuery.Builder();
    alike.add(
        catalog.likeText(TEXT_FIELDS, maxTextTerms, item.title(), item.description()),
        Occur.SHOULD);
    if (item.leafCategory() != null) {
      alike.add(
          new BoostQuery(
              new TermQuery(new Term(ItemFields.CATEGORY, item.leafCategory())), categoryBoost),
          Occur.SHOULD);
    }
    if (item.brand() != null && !item.brand().isBlank()) {
      alike.add(
          new BoostQuery(new TermQuery(new Term(ItemFields.BRAND, item.brand())), brandBoost),
          Occur.SHOULD);
    }
    return alike.build();
  }

  /**
   * Every live item's {@value #NEIGHBOURS} neighbours, as the query finds them in the catalog now:
   * in stock, the item itself left out; empty when {@code stop} said to stop first. Blocking CPU
   * work, a query per item.
   */
  public Optional<ItemNeighbours> neighbours(CatalogIndex index, BooleanSupplier stop) {
    return index.withSearcher(
        searcher -> {
          ItemNeighbours.Builder out = ItemNeighbours.builder();
          for (Item item : CatalogIndex.liveItems(searcher)) {
            if (stop.getAsBoolean()) return Optional.empty();
            CatalogView catalog = new CatalogView(searcher, index.analyzer(), Filters.NONE);
            catalog.exclude(item.id());
            List<Candidate> found = catalog.search(query(catalog, item), NEIGHBOURS, c -> null);
            List<String> ids = new ArrayList<>(found.size());
            float[] scores = new float[found.size()];
            for (Candidate candidate : found) {
              scores[ids.size()] = (float) candidate.score();
              ids.add(candidate.item().id());
            }
            out.put(item.id(), ids, scores);
          }
          return Optional.of(out.build());
        });
  }
}
