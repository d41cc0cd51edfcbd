package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.Indicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * #2 {@code also_viewed} and #3 {@code also_bought}: items that co-occur with the context item,
 * strongest log-likelihood ratio first. Co-occurrence is symmetric, so the context item's own
 * indicator list is the answer; the index only applies the rules to it.
 */
public final class CooccurringItems implements Algorithm {
  public static final String ALSO_VIEWED = "also_viewed";
  public static final String ALSO_BOUGHT = "also_bought";

  private final String name;
  private final String description;
  private final Function<AlgorithmContext, Map<String, List<Indicator>>> indicators;
  private final String reasonFormat;

  private CooccurringItems(
      String name, String description, Function<AlgorithmContext, Map<String, List<Indicator>>> indicators, String reasonFormat) {
    this.name = name;
    this.description = description;
    this.indicators = indicators;
    this.reasonFormat = reasonFormat;
  }

  public static CooccurringItems alsoViewed() {
    return new CooccurringItems(
        ALSO_VIEWED,
        "Items viewed by the shoppers who viewed this item (log-likelihood co-occurrence of views)",
        context -> context.model().viewIndicators(),
        "viewed together with %s by %d shoppers");
  }

  public static CooccurringItems alsoBought() {
    return new CooccurringItems(
        ALSO_BOUGHT,
        "Items bought by the customers who bought this item (log-likelihood co-occurrence of purchases)",
        context -> context.model().buyIndicators(),
        "bought together with %s by %d customers");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean needsItem() {
    return true;
  }

  @Override
  public List<String> fallbacks() {
    return List.of(Similar.NAME, Popular.NAME);
  }

  @Override
  public List<Candidate> recommend(AlgorithmContext context, int limit) {
    List<Indicator> related = indicators.apply(context).getOrDefault(context.contextItem().id(), List.of());
    Map<String, Indicator> byId = new HashMap<>();
    for (Indicator indicator : related) byId.put(indicator.itemId(), indicator);
    List<Item> allowed = context.keepAllowed(related.stream().map(Indicator::itemId).toList(), limit);
    String title = context.titleOf(context.contextItem().id());
    List<Candidate> out = new ArrayList<>(allowed.size());
    for (Item item : allowed) {
      Indicator indicator = byId.get(item.id());
      out.add(new Candidate(item, indicator.llr(), reasonFormat.formatted(title, indicator.cooccurrences())));
    }
    return out;
  }
}
