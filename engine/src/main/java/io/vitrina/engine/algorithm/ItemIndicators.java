package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.Indicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: the page item's own indicator list, strongest log-likelihood ratio first. Co-occurrence
 * is symmetric, so the context item's list is the answer; the index only applies the rules to it.
 *
 * @param reason explanation, with {@code %s} for the page item's title and {@code %d} for how many
 *     shoppers did both
 */
public record ItemIndicators(String indicator, String reason) implements CandidateSource {
  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    List<Indicator> related =
        context.model().indicators(indicator).getOrDefault(context.contextItem().id(), List.of());
    Map<String, Indicator> byId = new HashMap<>();
    for (Indicator one : related) byId.put(one.itemId(), one);
    List<Item> allowed =
        context.catalog().keepAllowed(related.stream().map(Indicator::itemId).toList(), limit);
    String title = context.catalog().titleOf(context.contextItem().id());
    List<Candidate> out = new ArrayList<>(allowed.size());
    for (Item item : allowed) {
      Indicator one = byId.get(item.id());
      out.add(new Candidate(item, one.llr(), reason.formatted(title, one.cooccurrences())));
    }
    return out;
  }
}
