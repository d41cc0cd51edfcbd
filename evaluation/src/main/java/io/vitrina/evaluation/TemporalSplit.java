package io.vitrina.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-user temporal split: for each user, the last {@code testFraction} of their interactions by
 * time (at least one) are held out; everything else is training. A method sees only training data
 * and is asked, per user, for what comes next; only held-out purchases count as hits.
 *
 * <p>Interactions with equal timestamps keep the order of the input (a stable sort), so a split
 * that falls inside a batch of same-second ratings is still deterministic.
 */
public final class TemporalSplit {
  private final List<Interaction> training;
  private final Map<String, Set<String>> trainingItems;
  private final Map<String, List<Interaction>> test;

  private TemporalSplit(
      List<Interaction> training,
      Map<String, Set<String>> trainingItems,
      Map<String, List<Interaction>> test) {
    this.training = training;
    this.trainingItems = trainingItems;
    this.test = test;
  }

  public static TemporalSplit perUser(List<Interaction> interactions, double testFraction) {
    if (!(testFraction > 0 && testFraction < 1))
      throw new IllegalArgumentException("testFraction must be in (0, 1)");
    Map<String, List<Interaction>> byUser = new LinkedHashMap<>();
    for (Interaction i : interactions)
      byUser.computeIfAbsent(i.userId(), u -> new ArrayList<>()).add(i);
    Comparator<Interaction> byTime = Comparator.comparingLong(Interaction::timestamp);
    List<Interaction> training = new ArrayList<>(interactions.size());
    Map<String, Set<String>> trainingItems = new HashMap<>();
    Map<String, List<Interaction>> test = new LinkedHashMap<>();
    for (Map.Entry<String, List<Interaction>> entry : byUser.entrySet()) {
      List<Interaction> history = entry.getValue();
      history.sort(byTime);
      int held = Math.max(1, (int) Math.round(history.size() * testFraction));
      int cut = history.size() - held;
      List<Interaction> past = history.subList(0, cut);
      training.addAll(past);
      Set<String> items = new HashSet<>();
      for (Interaction i : past) items.add(i.itemId());
      trainingItems.put(entry.getKey(), items);
      test.put(entry.getKey(), List.copyOf(history.subList(cut, history.size())));
    }
    training.sort(byTime); // the order a server would have received them in
    return new TemporalSplit(List.copyOf(training), trainingItems, test);
  }

  /** All training interactions, oldest first. */
  public List<Interaction> training() {
    return training;
  }

  /** Users in input order. */
  public List<String> users() {
    return List.copyOf(test.keySet());
  }

  /** Items the user interacted with in training: no method may recommend them back. */
  public Set<String> trainingItems(String userId) {
    return trainingItems.getOrDefault(userId, Set.of());
  }

  public List<Interaction> test(String userId) {
    return test.getOrDefault(userId, List.of());
  }

  /** Held-out items the user bought (rated 4 or more): the ones a good list should contain. */
  public Set<String> relevant(String userId) {
    Set<String> out = new HashSet<>();
    for (Interaction i : test(userId)) if (i.isPurchase()) out.add(i.itemId());
    out.removeAll(trainingItems(userId)); // never in MovieLens (one rating per pair), but be exact
    return out;
  }

  /** Latest training timestamp (Unix seconds): "now" for the model built from training. */
  public long trainingEnd() {
    return training.isEmpty() ? 0 : training.get(training.size() - 1).timestamp();
  }
}
