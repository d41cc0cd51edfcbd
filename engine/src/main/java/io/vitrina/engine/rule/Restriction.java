package io.vitrina.engine.rule;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.TermQuery;

/**
 * What an algorithm demands of every item in its block, fallbacks included: {@code upsell} shows
 * only items priced above the page's item, whatever fills the block. Most restrictions relate the
 * candidate to the page's item; they are FILTER or MUST_NOT clauses of the query, so a block is
 * filled from the items that qualify rather than cut short after the search.
 */
public enum Restriction {
  /** In the page item's leaf category (substitutes). */
  SAME_CATEGORY,
  /** Outside the page item's leaf category (complements, accessories). */
  OTHER_CATEGORY,
  /** Priced above the page's item. */
  PRICIER,
  /** Priced below the page's item. */
  CHEAPER,
  /** Of the page item's brand. */
  SAME_BRAND,
  /** Discounted: the store sent an old price above the price. */
  ON_SALE,
  /** Under the category of the page (a category page's blocks), at any level of the path. */
  PAGE_CATEGORY;

  /**
   * The clause for this restriction, or empty when it cannot apply: a page without an item or a
   * category, an item without a category or brand. Then the block is not restricted by it.
   *
   * @param pageItem the page's item, or null
   * @param pageCategory the spellings of the page's category in the catalog (one, unless items
   *     spell it in different cases), or empty
   */
  public Optional<BooleanClause> clause(Item pageItem, List<String> pageCategory) {
    if (this == ON_SALE)
      return Optional.of(
          new BooleanClause(new TermQuery(new Term(ItemFields.ON_SALE, "1")), Occur.FILTER));
    if (this == PAGE_CATEGORY) {
      if (pageCategory.size() > 1)
        return Optional.of(
            new BooleanClause(Rules.anyOf(ItemFields.CATEGORY, pageCategory), Occur.FILTER));
      return term(
          ItemFields.CATEGORY, pageCategory.isEmpty() ? null : pageCategory.get(0), Occur.FILTER);
    }
    if (pageItem == null) return Optional.empty();
    return switch (this) {
      case SAME_CATEGORY -> term(ItemFields.CATEGORY, pageItem.leafCategory(), Occur.FILTER);
      case OTHER_CATEGORY -> term(ItemFields.CATEGORY, pageItem.leafCategory(), Occur.MUST_NOT);
      case SAME_BRAND -> term(ItemFields.BRAND, pageItem.brand(), Occur.FILTER);
      case PRICIER ->
          Optional.of(
              new BooleanClause(
                  DoublePoint.newRangeQuery(
                      ItemFields.PRICE, Math.nextUp(pageItem.price()), Double.POSITIVE_INFINITY),
                  Occur.FILTER));
      case CHEAPER ->
          Optional.of(
              new BooleanClause(
                  DoublePoint.newRangeQuery(
                      ItemFields.PRICE, Double.NEGATIVE_INFINITY, Math.nextDown(pageItem.price())),
                  Occur.FILTER));
      case ON_SALE, PAGE_CATEGORY -> throw new AssertionError("handled above");
    };
  }

  private static Optional<BooleanClause> term(String field, String value, Occur occur) {
    if (value == null || value.isBlank()) return Optional.empty();
    return Optional.of(new BooleanClause(new TermQuery(new Term(field, value)), occur));
  }
}
