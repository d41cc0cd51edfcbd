package io.vitrina.engine.algorithm;

import io.vitrina.engine.profile.Repurchase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: what the shopper buys again and again, when their own rhythm says it is due: an item
 * bought at least twice, {@code dueFrom} or more of its average cycle after the last purchase, the
 * most overdue first. It shows the shopper's own purchases back, so the purchase exclusion does not
 * apply to it.
 *
 * @param dueFrom the share of the cycle from which an item is proposed (0.8: a little early)
 * @param reason explanation, with {@code %d} for the cycle in days and {@code %d} for the days
 *     since the last purchase
 */
public record Replenishment(double dueFrom, String reason) implements CandidateSource {
  @Override
  public boolean proposesNewItems() {
    return false;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Instant now = context.now();
    Map<String, Repurchase> due = new HashMap<>();
    List<Repurchase> order = new ArrayList<>();
    for (Repurchase item : context.profile().repurchases()) {
      if (item.dueness(now) < dueFrom) continue;
      due.put(item.itemId(), item);
      order.add(item);
    }
    order.sort(Comparator.comparingDouble((Repurchase r) -> r.dueness(now)).reversed());
    return context
        .catalog()
        .keepAllowed(
            order.stream().map(Repurchase::itemId).toList(),
            item -> due.get(item.id()).dueness(now),
            item -> {
              Repurchase r = due.get(item.id());
              long days = Math.max(1, r.cycle().toDays());
              long since = java.time.Duration.between(r.lastBought(), now).toDays();
              return reason.formatted(days, since);
            },
            limit);
  }
}
