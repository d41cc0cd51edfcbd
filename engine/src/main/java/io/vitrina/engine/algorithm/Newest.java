package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.ItemFields;
import java.time.Duration;
import java.time.Instant;
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
 * @param reason explanation in the whole store, with {@code %s} for when the item was added
 *     ("today", "yesterday", "12 days ago")
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
    Instant now = context.now();
    return context
        .catalog()
        .searchSorted(
            MatchAllDocsQuery.INSTANCE,
            NEWEST_FIRST,
            limit,
            item -> why.formatted(added(item.createdAt(), now)));
  }

  /** How long ago the store dated the item, in days: the newest of an old catalog may be old. */
  static String added(Instant createdAt, Instant now) {
    long days = Duration.between(createdAt, now).toDays();
    if (days <= 0) return "today";
    return days == 1 ? "yesterday" : days + " days ago";
  }
}
