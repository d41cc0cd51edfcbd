package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import java.util.List;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;

/**
 * Family: the newest items of the catalog by the date the store gave them (or their first upsert),
 * under the rules and the request's filters, so a category page gets its category's new arrivals.
 * An item upserted a moment ago is in the next answer: no model build is involved.
 *
 * @param reason explanation in the whole store
 * @param categoryReason explanation when the request is for a category
 */
public record Newest(String reason, String categoryReason) implements CandidateSource {
  private static final Sort NEWEST_FIRST =
      new Sort(LongField.newSortField(ItemFields.CREATED_AT, true, SortedNumericSelector.Type.MAX));

  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String why = context.request().page().category() != null ? categoryReason : reason;
    return context
        .catalog()
        .searchSorted(MatchAllDocsQuery.INSTANCE, NEWEST_FIRST, limit, item -> why);
  }
}
