package io.vitrina.engine.catalog;

import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ItemModel;
import io.vitrina.engine.model.ModelSnapshot;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Indicators for an item that has none yet, borrowed from the items most like it by content: a new
 * item then reaches the shoppers whose history matches its look-alikes', from the moment it is
 * upserted, without waiting for a model build. Its own indicators replace the borrowed ones once
 * the model has them.
 */
final class IndicatorBorrowing {
  /** Look-alikes whose indicators are merged. */
  static final int LENDERS = 3;

  /** A borrowed weight counts this much of the lender's: a guess, below a learned indicator. */
  static final double DISCOUNT = 0.5;

  private final Analyzer analyzer;

  IndicatorBorrowing(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * Indicators for {@code item} from its look-alikes in {@code searcher} that {@code model} gives
   * indicators; empty when none has any.
   */
  Map<String, List<Indicator>> borrow(Item item, IndexSearcher searcher, ModelSnapshot model)
      throws IOException {
    Map<String, Map<String, Indicator>> merged = new LinkedHashMap<>();
    int lenders = 0;
    for (ScoreDoc hit : searcher.search(alike(item, searcher), LENDERS * 4).scoreDocs) {
      Item lender = CatalogIndex.item(searcher, hit.doc);
      if (lender.id().equals(item.id())) continue;
      ItemModel lent = model.forItem(lender.id());
      if (lent.indicators().isEmpty()) continue;
      lent.indicators().forEach((name, list) -> merge(merged, name, list));
      if (++lenders == LENDERS) break;
    }
    Map<String, List<Indicator>> out = new HashMap<>();
    merged.forEach(
        (name, byItem) -> {
          List<Indicator> list = new ArrayList<>(byItem.values());
          list.removeIf(one -> one.itemId().equals(item.id()));
          list.sort(Comparator.comparingDouble(Indicator::weight).reversed());
          if (!list.isEmpty())
            out.put(name, List.copyOf(list.subList(0, Math.min(50, list.size()))));
        });
    return out;
  }

  private static void merge(
      Map<String, Map<String, Indicator>> merged, String name, List<Indicator> lent) {
    Map<String, Indicator> byItem = merged.computeIfAbsent(name, n -> new LinkedHashMap<>());
    for (Indicator one : lent) {
      Indicator discounted =
          new Indicator(one.itemId(), one.llr(), one.cooccurrences(), one.weight() * DISCOUNT);
      byItem.merge(one.itemId(), discounted, (a, b) -> a.weight() >= b.weight() ? a : b);
    }
  }

  /** The item's title and description terms, its leaf category and brand, like {@code similar}. */
  private Query alike(Item item, IndexSearcher searcher) throws IOException {
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(analyzer);
    mlt.setFieldNames(new String[] {ItemFields.SEARCH_STEMMED});
    mlt.setMinTermFreq(1);
    mlt.setMinDocFreq(2);
    mlt.setMaxDocFreqPct(5);
    mlt.setMaxQueryTerms(25);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    query.add(
        mlt.like(
            ItemFields.SEARCH_STEMMED,
            new StringReader(item.title()),
            new StringReader(item.description())),
        Occur.SHOULD);
    if (item.leafCategory() != null)
      query.add(
          new BoostQuery(new TermQuery(new Term(ItemFields.CATEGORY, item.leafCategory())), 2f),
          Occur.SHOULD);
    if (item.brand() != null && !item.brand().isBlank())
      query.add(new TermQuery(new Term(ItemFields.BRAND, item.brand())), Occur.SHOULD);
    return query.build();
  }
}
