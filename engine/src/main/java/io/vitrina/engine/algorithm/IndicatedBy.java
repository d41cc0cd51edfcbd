package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.search.Query;

/**
 * Family: the items whose indicator lists hold the page's item, by the weight of that indicator.
 * For a cross-occurrence this is the reverse look-up: the {@code view_buy} indicators of a bought
 * item are what its buyers viewed, so the items holding the page's item are what its viewers
 * bought.
 *
 * @param reason explanation, with {@code %s} for the page item's title
 */
public record IndicatedBy(String indicator, String reason) implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String pageItem = context.contextItem().id();
    Query holders = FeatureField.newLinearQuery(ItemFields.indicator(indicator), pageItem, 1f);
    String why = reason.formatted(context.catalog().titleOf(pageItem));
    return context.catalog().search(holders, limit, item -> why);
  }
}
