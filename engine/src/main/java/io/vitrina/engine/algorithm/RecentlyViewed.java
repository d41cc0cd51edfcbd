package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import java.util.List;

/** #23 {@code recently_viewed}: the shopper's own recent views, most recent first. */
public final class RecentlyViewed implements Algorithm {
  public static final String NAME = "recently_viewed";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Items the shopper viewed recently, most recent first";
  }

  @Override
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    List<Item> items = context.keepAllowed(context.profile().recentViews(), limit);
    int rank = items.size();
    List<Candidate> out = new java.util.ArrayList<>(items.size());
    for (Item item : items) out.add(new Candidate(item, rank--, "you viewed this recently"));
    return out;
  }
}
