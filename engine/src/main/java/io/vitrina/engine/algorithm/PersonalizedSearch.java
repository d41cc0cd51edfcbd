package io.vitrina.engine.algorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Family: the page's search results re-ordered for the shopper: the best {@code depth} text
 * matches, fused with the shopper's history as {@code POST /v1/rank} fuses a store's listing.
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
    for (RankedItem ranked : ranker.rank(order, 1, context)) {
      if (out.size() >= limit) break;
      Candidate match = matches.get(ranked.itemId());
      out.add(
          new Candidate(
              match.item(), ranked.score(), ranked.personal() ? ranked.explanation() : why));
    }
    return out;
  }
}
