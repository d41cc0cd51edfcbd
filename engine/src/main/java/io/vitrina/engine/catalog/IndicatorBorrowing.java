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
 * the model has them. Each borrowed indicator keeps the look-alike that lent it, so that an
 * explanation can say "new, like X" instead of claiming shoppers did something with the new item.
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
   * What an item borrowed: per indicator name, its list (strongest weight first) and, per indicated
   * item, the id of the look-alike that lent that indicator.
   */
  record Lent(Map<String, List<Indicator>> indicators, Map<String, Map<String, String>> lenders) {
    static final Lent NONE = new Lent(Map.of(), Map.of());

    boolean isEmpty() {
      return indicators.isEmpty();
    }

    /** The look-alike that lent {@code indicated} to the list {@code name}, or null. */
    String lender(String name, String indicated) {
      Map<String, String> byIndicated = lenders.get(name);
      return byIndicated == null ? null : byIndicated.get(indicated);
    }
  }

  /** A borrowed indicator and who lent it. */
  private record FromLender(Indicator indicator, String lender) {}

  /**
   * Indicators for {@code item} from its look-alikes in {@code searcher} that {@code model} gives
   * indicators; empty when none has any.
   */
  Lent borrow(Item item, IndexSearcher searcher, ModelSnapshot model) throws IOException {
    Map<String, Map<String, FromLender>> merged = new LinkedHashMap<>();
    int lent = 0;
    for (ScoreDoc hit : searcher.search(alike(item, searcher), LENDERS * 4).scoreDocs) {
      Item lender = CatalogIndex.item(searcher, hit.doc);
      if (lender.id().equals(item.id())) continue;
      ItemModel its = model.forItem(lender.id());
      if (its.indicators().isEmpty()) continue;
      its.indicators().forEach((name, list) -> merge(merged, name, list, lender.id()));
      if (++lent == LENDERS) break;
    }
    Map<String, List<Indicator>> indicators = new HashMap<>();
    Map<String, Map<String, String>> lenders = new HashMap<>();
    merged.forEach(
        (name, byItem) -> {
          List<FromLender> list = new ArrayList<>(byItem.values());
          list.removeIf(one -> one.indicator().itemId().equals(item.id()));
          list.sort(
              Comparator.comparingDouble((FromLender one) -> one.indicator().weight()).reversed());
          if (list.isEmpty()) return;
          List<FromLender> kept = list.subList(0, Math.min(MAX_BORROWED, list.size()));
          indicators.put(name, kept.stream().map(FromLender::indicator).toList());
          Map<String, String> byIndicated = new HashMap<>();
          for (FromLender one : kept) byIndicated.put(one.indicator().itemId(), one.lender());
          lenders.put(name, Map.copyOf(byIndicated));
        });
    return indicators.isEmpty() ? Lent.NONE : new Lent(Map.copyOf(indicators), Map.copyOf(lenders));
  }

  /** Borrowed indicators kept per list, like the model's cap per item. */
  static final int MAX_BORROWED = 50;

  /** Where two look-alikes lend the same indicated item, the stronger weight and its lender win. */
  private static void merge(
      Map<String, Map<String, FromLender>> merged,
      String name,
      List<Indicator> lent,
      String lender) {
    Map<String, FromLender> byItem = merged.computeIfAbsent(name, n -> new LinkedHashMap<>());
    for (Indicator one : lent) {
      Indicator discounted =
          new Indicator(
              one.itemId(),
              one.llr(),
              one.cooccurrences(),
              one.weight() * DISCOUNT,
              one.sumWeight() * DISCOUNT);
      byItem.merge(
          one.itemId(),
          new FromLender(discounted, lender),
          (a, b) -> a.indicator().weight() >= b.indicator().weight() ? a : b);
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
