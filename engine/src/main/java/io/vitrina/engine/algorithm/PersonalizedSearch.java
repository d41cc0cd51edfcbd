package io.vitrina.engine.algorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Family: the page's search results re-ordered for the shopper: the best {@code depth} text
 * matches, fused with the shopper's history as {@code POST /v1/rank} fuses a store's listing. A
 * later page of the results reaches past them: matches beyond {@code depth} follow in text order,
 * scored as the fusion scores an unpersonalized listing item, so every score stays below the
 * re-ordered head's.
 *
 * @param reason explanation of a match the history did not move, with {@code %s} for the text
 */
public record PersonalizedSearch(ListingRanker ranker, int depth, String reason)
    implements CandidateSource {
  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String text = context.request().page().query();
    Query query = context.catalog().textQuery(text, true).orElse(null);
    if (query == null) return List.of();
    Map<String, Candidate> matches = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Candidate match : context.catalog().search(query, Math.max(depth, limit), item -> "")) {
      matches.put(match.item().id(), match);
      order.add(match.item().id());
    }
    if (order.isEmpty()) return List.of();
    String why = reason.formatted(text);
    List<Candidate> out = new ArrayList<>(limit);
    List<String> head = order.subList(0, Math.min(depth, order.size()));
    for (RankedItem ranked : ranker.rank(head, 1, context)) {
      if (out.size() >= limit) break;
      Candidate match = matches.get(ranked.itemId());
      out.add(
          new Candidate(
              match.item(), ranked.score(), ranked.personal() ? ranked.explanation() : why));
    }
    for (int position = head.size(); position < order.size() && out.size() < limit; position++)
      out.add(
          new Candidate(
              matches.get(order.get(position)).item(), ListingRanker.storeScore(position), why));
    return out;
  }
}
