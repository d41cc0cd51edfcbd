package io.vitrina.engine.algorithm;

import java.util.List;
import java.util.function.Function;

/**
 * Family: the best sellers of the group of shoppers the asking shopper belongs to (a lifecycle
 * segment, a region), as the last model build counted them, under the rules.
 *
 * @param groupOf the shopper's group key and how an explanation names it, or null without a group
 * @param reason explanation, with {@code %s} for the group's name
 */
public record GroupBestSellers(Function<AlgorithmContext, Group> groupOf, String reason)
    implements CandidateSource {
  /**
   * @param key the model's key of the group ({@code segment:loyal}, {@code region:moscow})
   * @param name how an explanation names it
   */
  public record Group(String key, String name) {}

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    Group group = groupOf.apply(context);
    if (group == null) return List.of();
    return ProfileListing.byPlace(
        context, context.catalog().bestSellers(group.key()), reason.formatted(group.name()), limit);
  }
}
