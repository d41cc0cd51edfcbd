package io.vitrina.server.operations;

import java.util.Locale;

/**
 * How many shopper profiles a heap holds: profiles may take half of it, planned at {@link
 * #BYTES_PER_PROFILE} each. The plan is generous on purpose (a typical shopper's profile takes
 * about 1.2 KB, one at every bound about 9 KB, plus its document in the profile index; README.md
 * gives the measurements): the heap also holds the catalog index, the model build and requests, and
 * the {@link MemoryGuard} sheds profiles if shoppers turn out heavier than planned.
 *
 * @param maxHeap the heap the JVM may grow to, in bytes
 */
public record ProfileBudget(long maxHeap) {
  public static final long BYTES_PER_PROFILE = 4 * 1024;

  /**
   * What a profile takes as measured under load, its document in the profile index included:
   * 253,000 new shoppers of 21 events each held 565 MB after a full collection, the rest of the
   * service with them (about 2.2 KB each).
   */
  public static final long MEASURED_BYTES_PER_PROFILE = 2 * 1024;

  /** The bound asked for when the heap decides it ({@code --max-profiles auto}). */
  public static final int FROM_HEAP = 0;

  /** The budget of this JVM's heap. */
  public static ProfileBudget ofThisJvm() {
    return new ProfileBudget(Runtime.getRuntime().maxMemory());
  }

  /** Profiles this heap holds. */
  public int profiles() {
    return (int) Math.min(Integer.MAX_VALUE, maxHeap / 2 / BYTES_PER_PROFILE);
  }

  /** The heap {@code profiles} profiles need. */
  public static long heapFor(int profiles) {
    return profiles * BYTES_PER_PROFILE * 2;
  }

  /**
   * The profile bound to keep: {@code requested}, or what the heap holds when it is {@link
   * #FROM_HEAP}.
   *
   * @throws IllegalArgumentException when the heap cannot hold {@code requested}, saying what heap
   *     it needs
   */
  public int bound(int requested) {
    if (requested == FROM_HEAP) return Math.max(1, profiles());
    if (requested <= profiles()) return requested;
    throw new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "--max-profiles %d needs about %s of heap (%d KB planned per profile, half the heap for"
                + " profiles), and this JVM has %s: give it more (VITRINA_HEAP=%s ./vitrina start, or"
                + " java -Xmx%s -jar ...), or ask for at most %d profiles (--max-profiles auto keeps"
                + " what the heap holds)",
            requested,
            megabytes(heapFor(requested)),
            BYTES_PER_PROFILE / 1024,
            megabytes(maxHeap),
            gigabytesUp(heapFor(requested)),
            gigabytesUp(heapFor(requested)),
            profiles()));
  }

  private static String megabytes(long bytes) {
    return (bytes >> 20) + " MB";
  }

  /** {@code 3g} for 2.1 GB: a heap setting that holds {@code bytes}. */
  private static String gigabytesUp(long bytes) {
    return ((bytes + (1L << 30) - 1) >> 30) + "g";
  }
}
