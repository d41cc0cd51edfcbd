package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.Indicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Family: the page item's own indicator list, strongest log-likelihood ratio first. Co-occurrence
 * is symmetric, so the context item's list is the answer; the index only applies the rules to it.
 *
 * @param unless an indicator whose items are left out (substitutes are co-viewed but not
 *     co-bought), or null
 * @param reason explanation, with {@code %s} for the page item's title and {@code %d} for how many
 *     shoppers did both
 */
public record ItemIndicators(String indicator, String unless, String reason)
    implements CandidateSource {
  public ItemIndicators(String indicator, String reason) {
    this(indicator, null, reason);
  }

  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String pageItem = context.contextItem().id();
    List<Indicator> related = context.catalog().indicators(indicator, pageItem);
    if (unless != null) {
      Set<String> left = new HashSet<>();
      for (Indicator one : context.catalog().indicators(unless, pageItem)) left.add(one.itemId());
      related = related.stream().filter(one -> !left.contains(one.itemId())).toList();
    }
    Map<String, Indicator> byId = new HashMap<>();
    for (Indicator one : related) byId.put(one.itemId(), one);
    List<Item> allowed =
        context.catalog().keepAllowed(related.stream().map(Indicator::itemId).toList(), limit);
    String title = context.catalog().titleOf(pageItem);
    List<Candidate> out = new ArrayList<>(allowed.size());
    for (Item item : allowed) {
      Indicator one = byId.get(item.id());
      out.add(new Candidate(item, one.llr(), reason.formatted(title, one.cooccurrences())));
    }
    return out;
  }
}
