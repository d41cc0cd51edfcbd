package io.vitrina.engine.algorithm;

import java.util.List;

/** A response: the items in rank order and the algorithm asked for. */
public record Recommendations(String algorithm, List<RecommendedItem> items) {
  public Recommendations {
    items = List.copyOf(items);
  }
}
