package io.vitrina.engine.algorithm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Family: one of the shopper's own lists, in its order (most recent first), under the rules; an
 * item scores its place from the end of the list.
 */
public record ProfileListing(ProfileList list, String reason) implements CandidateSource {
  @Override
  public boolean proposesNewItems() {
    return false;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    return byPlace(context, list.of(context), reason, limit);
  }

  /** {@code ids} that pass the rules, each scored by its place from the end of {@code ids}. */
  static List<Candidate> byPlace(
      AlgorithmContext context, List<String> ids, String reason, int limit) {
    Map<String, Integer> place = new HashMap<>(ids.size() * 2);
    for (int k = 0; k < ids.size(); k++) place.putIfAbsent(ids.get(k), ids.size() - k);
    return context.catalog().keepAllowed(ids, item -> place.get(item.id()), item -> reason, limit);
  }
}
