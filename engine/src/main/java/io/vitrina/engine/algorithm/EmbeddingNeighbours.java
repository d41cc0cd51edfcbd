package io.vitrina.engine.algorithm;

import io.vitrina.engine.audience.ShopperVector;
import io.vitrina.engine.model.ItemVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: the shopper's vector in the factor model, folded in from what they viewed, carted and
 * bought, against every item's vector; the nearest by dot product pass the rules. Like {@link
 * HistoryQuery}, everything the shopper has seen stays out. A view counts {@value
 * ShopperVector#VIEW_STRENGTH} of a purchase.
 */
public record EmbeddingNeighbours(String reason) implements CandidateSource {
  /** Nearest items asked for per slot: some fail the rules (stock, filters) and drop out. */
  static final int OVERFETCH = 4;

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    ItemVectors vectors = context.vectors();
    context.catalog().excludeSeen(context.profile().seen());
    float[] shopper = shopperVector(context);
    if (shopper == null) return List.of();

    Map<String, Float> scores = new HashMap<>();
    List<String> nearest = new ArrayList<>();
    for (ItemVectors.Scored one :
        vectors.nearest(shopper, limit * OVERFETCH, context.catalog().excluded())) {
      scores.put(one.itemId(), one.score());
      nearest.add(one.itemId());
    }
    return context
        .catalog()
        .keepAllowed(nearest, item -> scores.get(item.id()), item -> reason, limit);
  }

  /**
   * The shopper's vector, folded in from what they viewed, carted (the request's cart) and bought;
   * null without a trained model or without a history item that has a vector.
   */
  static float[] shopperVector(AlgorithmContext context) {
    return ShopperVector.of(context.profile(), context.cart(), context.vectors());
  }
}
