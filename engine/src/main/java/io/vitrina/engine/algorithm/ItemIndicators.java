package io.vitrina.engine.algorithm;

import io.vitrina.engine.model.Indicator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Family: the page item's own indicator list, strongest log-likelihood ratio first. Co-occurrence
 * is symmetric, so the context item's list is the answer; the index only applies the rules to it.
 *
 * <p>A new item's list may be borrowed from its look-alikes (see {@code CatalogIndex}): then no
 * shopper did anything with the page's item yet, and the explanation names the look-alike the
 * shoppers' counts are about.
 *
 * @param unless an indicator whose items are left out (substitutes are co-viewed but not
 *     co-bought), or null
 * @param reason explanation, with {@code %1$s} for the page item's title and {@code %2$d} for how
 *     many shoppers did both (in the model's window, each shopper once, whatever the order)
 * @param borrowedReason explanation when the page item borrowed the indicator: {@code %1$s} the
 *     page item, {@code %2$d} how many shoppers did both with the look-alike, {@code %3$s} the
 *     look-alike
 */
public record ItemIndicators(String indicator, String unless, String reason, String borrowedReason)
    implements CandidateSource {
  public ItemIndicators(String indicator, String reason, String borrowedReason) {
    this(indicator, null, reason, borrowedReason);
  }

  @Override
  public boolean sameForEveryShopper() {
    return true;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    String pageItem = context.contextItem().id();
    CatalogView catalog = context.catalog();
    List<Indicator> related = catalog.indicators(indicator, pageItem);
    if (unless != null) {
      Set<String> left = new HashSet<>();
      for (Indicator one : catalog.indicators(unless, pageItem)) left.add(one.itemId());
      related = related.stream().filter(one -> !left.contains(one.itemId())).toList();
    }
    Map<String, Indicator> byId = new HashMap<>();
    for (Indicator one : related) byId.put(one.itemId(), one);
    String title = catalog.titleOf(pageItem);
    return catalog.keepAllowed(
        related.stream().map(Indicator::itemId).toList(),
        item -> byId.get(item.id()).llr(),
        item -> {
          int together = byId.get(item.id()).cooccurrences();
          String lender = catalog.lenderOf(indicator, pageItem, item.id());
          return lender == null
              ? Reasons.fill(reason, title, together)
              : Reasons.fill(borrowedReason, title, together, catalog.titleOf(lender));
        },
        limit);
  }
}
