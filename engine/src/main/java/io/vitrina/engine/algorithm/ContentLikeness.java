package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Family: items alike by content to the page's item. The distinctive stemmed terms of its title and
 * description, the leaf category and the brand are the query; no behaviour needed, so it works for
 * a new item on day one.
 *
 * @param reason explanation, with {@code %s} for the page item's title
 */
public record ContentLikeness(
    int maxTextTerms, float categoryBoost, float brandBoost, String reason)
    implements CandidateSource {
  private static final String[] TEXT_FIELDS = {ItemFields.SEARCH_STEMMED};

  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Item item = context.contextItem();
    BooleanQuery.Builder alike = new BooleanQuery.Builder();
    alike.add(
        context.catalog().likeText(TEXT_FIELDS, maxTextTerms, item.title(), item.description()),
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
    String why = reason.formatted(context.catalog().titleOf(item.id()));
    return context.catalog().search(alike.build(), limit, candidate -> why);
  }
}
