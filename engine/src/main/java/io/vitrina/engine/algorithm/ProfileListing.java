package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import java.util.ArrayList;
import java.util.List;

/** Family: one of the shopper's own lists, in its order (most recent first), under the rules. */
public record ProfileListing(ProfileList list, String reason) implements CandidateSource {
  @Override
  public boolean proposesNewItems() {
    return false;
  }

  @Override
  public List<Candidate> candidates(AlgorithmContext context, int limit) {
    List<Item> items = context.catalog().keepAllowed(list.of(context), limit);
    int rank = items.size();
    List<Candidate> out = new ArrayList<>(items.size());
    for (Item item : items) out.add(new Candidate(item, rank--, reason));
    return out;
  }
}
