package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Items drawn uniformly from the whole catalog, excluding the user's training items: the floor
 * every other method must clear. Seeded per user, so a run is repeatable in any thread order.
 */
public final class RandomBaseline implements RankingMethod {
  private final List<String> catalog;
  private final long seed;

  public RandomBaseline(List<String> catalog, long seed) {
    this.catalog = List.copyOf(catalog);
    this.seed = seed;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public List<String> recommend(String userId, Set<String> exclude, int k) {
    java.util.Random random = new java.util.Random(seed * 31 + userId.hashCode());
    Set<String> out = new LinkedHashSet<>();
    long available = catalog.stream().filter(id -> !exclude.contains(id)).count();
    while (out.size() < Math.min(k, available)) {
      String id = catalog.get(random.nextInt(catalog.size()));
      if (!exclude.contains(id)) out.add(id);
    }
    return new ArrayList<>(out);
  }
}
