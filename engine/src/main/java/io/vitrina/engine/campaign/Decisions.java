package io.vitrina.engine.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The decision of one page view: which campaigns the shopper may see there now. */
public final class Decisions {
  private Decisions() {}

  /** Higher priority first; among equals, by id, so every node answers in one order. */
  public static final Comparator<Campaign> ORDER =
      Comparator.comparingInt(Campaign::priority).reversed().thenComparing(Campaign::id);

  /**
   * The campaigns that are active, scheduled now, targeted at this shopper on this page and not
   * capped by what they were shown and closed, highest priority first.
   */
  public static List<Campaign> eligible(
      Collection<Campaign> campaigns,
      ShopperFacts shopper,
      Visit visit,
      PromotionHistory history,
      Instant now) {
    List<Campaign> out = new ArrayList<>();
    for (Campaign c : campaigns)
      if (c.active()
          && c.schedule().covers(now)
          && c.targeting().matches(shopper, visit)
          && c.caps().allow(history.of(c.id()), visit.sessionStart(), now)) out.add(c);
    out.sort(ORDER);
    return out;
  }
}
