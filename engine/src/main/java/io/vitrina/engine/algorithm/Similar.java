package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * #1 {@code similar}: items alike by content. The title's and description's distinctive terms
 * (Lucene's MoreLikeThis), the leaf category and the brand are the query; no behaviour needed, so
 * it works for a new item on day one.
 */
public final class Similar implements Algorithm {
  public static final String NAME = "similar";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Items most alike by content: title and description terms, category and brand";
  }

  @Override
  public boolean needsItem() {
    return true;
  }

  @Override
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    Item item = context.contextItem();
    BooleanQuery.Builder alike = new BooleanQuery.Builder();
    alike.add(textTerms(context, item), Occur.SHOULD);
    if (item.leafCategory() != null) {
      alike.add(new BoostQuery(new TermQuery(new Term(ItemFields.CATEGORY, item.leafCategory())), 2f), Occur.SHOULD);
    }
    if (item.brand() != null && !item.brand().isBlank()) {
      alike.add(new BoostQuery(new TermQuery(new Term(ItemFields.BRAND, item.brand())), 1f), Occur.SHOULD);
    }
    String reason = "similar to " + context.titleOf(item.id());
    return context.search(alike.build(), limit, candidate -> reason);
  }

  private static Query textTerms(AlgorithmContext context, Item item) {
    try {
      MoreLikeThis mlt = new MoreLikeThis(context.searcher().getIndexReader());
      mlt.setAnalyzer(context.index().analyzer());
      mlt.setFieldNames(new String[] {ItemFields.TITLE, ItemFields.DESCRIPTION});
      // Catalogs are small next to text corpora: a term seen twice is already telling.
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(2);
      mlt.setMaxQueryTerms(25);
      mlt.setBoost(true);
      return mlt.like(ItemFields.TITLE, new StringReader(item.title()), new StringReader(item.description()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
