package io.vitrina.engine.algorithm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: items the shopper looked at, carted or bought that came back in stock within {@code
 * within}, the most recently restocked first. A restock is a catalog update that takes an item from
 * out of stock to in stock.
 *
 * @param reason explanation
 */
public record BackInStock(Duration within, String reason) implements CandidateSource {
  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Instant since = context.now().minus(within);
    Map<String, Instant> restocked = new HashMap<>();
    for (String id : context.profile().seen()) {
      Instant at = context.catalog().restockedAt(id);
      if (at != null && at.isAfter(since)) restocked.put(id, at);
    }
    List<String> order = new ArrayList<>(restocked.keySet());
    order.sort(Comparator.comparing(restocked::get).reversed());
    return ProfileListing.byPlace(context, order, reason, limit);
  }
}
