package io.vitrina.engine.algorithm;

import io.vitrina.engine.model.ItemVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: what the buyers most like the shopper bought (user-to-user): the shopper's vector in the
 * factor model, its {@code neighbours} nearest buyers by inner product, and their purchases the
 * shopper has not seen, by summed similarity.
 *
 * @param reason explanation, with {@code %d} for how many look-alikes bought the item
 */
public record LookalikeOffers(int neighbours, String reason) implements CandidateSource {
  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    context.catalog().excludeSeen(context.profile().seen());
    float[] shopper = EmbeddingNeighbours.shopperVector(context);
    if (shopper == null) return List.of();
    Map<String, ItemVectors.Offer> offers = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (ItemVectors.Offer offer :
        context
            .vectors()
            .lookalikeOffers(
                shopper,
                neighbours,
                limit * EmbeddingNeighbours.OVERFETCH,
                context.catalog().excluded())) {
      offers.put(offer.itemId(), offer);
      order.add(offer.itemId());
    }
    return context
        .catalog()
        .keepAllowed(
            order,
            item -> offers.get(item.id()).score(),
            item -> reason.formatted(offers.get(item.id()).shoppers()),
            limit);
  }
}
