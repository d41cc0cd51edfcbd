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

  /**
   * The identity hash of the last answer sent through each slot, not kept: the second sending keeps
   * it. A hash, not the answer, so that a one-off answer is garbage at once (held here, a few
   * thousand of them outlived young collections). Two answers may share a hash; then a one-off
   * answer is kept until its slot's next, which costs a slot, not a wrong answer.
   */
  private final int[] sent = new int[SLOTS];

  /** The items of {@code answer} as {@link RecommendationQuery#items} encodes them. */
  byte[] of(Recommendations answer) {
    int hash = System.identityHashCode(answer);
    int slot = hash & (SLOTS - 1);
    Kept known = kept.getAcquire(slot);
    if (known != null && known.answer() == answer) return known.items();
    byte[] items = RecommendationQuery.items(answer).toBuffer().getBytes();
    // Racy by design: a lost write only delays keeping an answer by one sending.
    if (sent[slot] == hash) kept.setRelease(slot, new Kept(answer, items));
    else sent[slot] = hash;
    return items;
  }
}
