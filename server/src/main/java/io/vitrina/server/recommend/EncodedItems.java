package io.vitrina.server.recommend;

import io.vitrina.engine.algorithm.Recommendations;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The encoded JSON of the items of answers sent more than once: an answer the same for every
 * shopper ({@code popular}, item pages) is one object the recommender hands out again until its
 * searcher changes, and encoding its items was a third of such a request. Kept by the answer's
 * identity in a fixed number of slots, the newest answer of a slot winning it; an answer is kept at
 * its second sending only, so that answers made for one shopper alone, sent once, take no memory
 * and push out no shared one.
 */
final class EncodedItems {
  /** At most this many answers' items, a few kilobytes each. */
  static final int SLOTS = 4096;

  private record Kept(Recommendations answer, byte[] items) {}

  private final AtomicReferenceArray<Kept> kept = new AtomicReferenceArray<>(SLOTS);

  /** The last answer sent through each slot, not kept: the second sending keeps it. */
  private final AtomicReferenceArray<Recommendations> sent = new AtomicReferenceArray<>(SLOTS);

  /** The items of {@code answer} as {@link RecommendationQuery#items} encodes them. */
  byte[] of(Recommendations answer) {
    int slot = System.identityHashCode(answer) & (SLOTS - 1);
    Kept known = kept.getAcquire(slot);
    if (known != null && known.answer() == answer) return known.items();
    byte[] items = RecommendationQuery.items(answer).toBuffer().getBytes();
    if (sent.getPlain(slot) == answer) kept.setRelease(slot, new Kept(answer, items));
    else sent.setPlain(slot, answer);
    return items;
  }
}
