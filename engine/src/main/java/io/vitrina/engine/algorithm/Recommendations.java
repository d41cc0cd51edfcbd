package io.vitrina.engine.algorithm;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A response: the items in rank order and the algorithm asked for.
 *
 * <p>Items come source by source: the asked algorithm's own first, then each fallback's in the
 * order they were asked, each source's by descending score (scores compare within one source only);
 * pinned items sit at their places. {@code reorderedBy} names what moved items out of that order in
 * this answer; empty when nothing did.
 */
public record Recommendations(
    String algorithm, List<RecommendedItem> items, Set<Reordering> reorderedBy) {
  /** What may move items out of the order of their sources and scores. */
  public enum Reordering {
    /** Pinned items were put at their places. */
    PINS,
    /** The block's dithering shuffled the order (the same for a shopper and page a while). */
    DITHERING,
    /** Items the shopper was shown without clicking sank to the end. */
    ROTATION;

    /** The name in the API's answers. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Recommendations {
    items = List.copyOf(items);
    // In declaration order, whatever the caller's set.
    reorderedBy =
        reorderedBy.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reorderedBy));
  }

  /** An answer in the order of its sources and scores. */
  public Recommendations(String algorithm, List<RecommendedItem> items) {
    this(algorithm, items, Set.of());
  }

  /** How many items a fallback found: neither the asked algorithm's own nor pinned by the store. */
  public int fallbackItems() {
    int n = 0;
    for (RecommendedItem item : items)
      if (!item.source().equals(algorithm) && !item.source().equals(Merchandiser.PINNED)) n++;
    return n;
  }
}
