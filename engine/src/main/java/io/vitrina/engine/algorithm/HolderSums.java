package io.vitrina.engine.algorithm;

import io.vitrina.engine.model.ReverseIndicators;
import java.util.Arrays;

/**
 * A sum per item ordinal of one {@link ReverseIndicators}: a shopper's history adds up, row by row,
 * the weights of the items that hold each history item. Dense, reused per thread (a request's
 * history touches a few thousand of a catalog's items, and clearing only those is what makes the
 * dense array cheap), so one request must {@link #close} it before it asks for another.
 */
final class HolderSums implements AutoCloseable {
  private static final ThreadLocal<HolderSums> OF_THREAD = ThreadLocal.withInitial(HolderSums::new);

  private float[] sums = new float[0];

  /** Per touched ordinal, the reason of the first row that added to it (see {@link #add}). */
  private int[] first = new int[0];

  private int[] touched = new int[256];
  private int count;
  private boolean inUse;

  private HolderSums() {}

  /** This thread's sums over {@code size} ordinals, all zero. */
  static HolderSums open(int size) {
    HolderSums sums = OF_THREAD.get();
    if (sums.inUse) sums = new HolderSums(); // a nested use: not expected, but never shared
    sums.inUse = true;
    if (sums.sums.length < size) {
      sums.sums = new float[size];
      sums.first = new int[size];
    }
    return sums;
  }

  /**
   * Adds {@code factor} times each holder's weight to its sum; a holder this is the first row for
   * keeps {@code reason} (the caller's code for the row, which its explanation names).
   */
  void add(ReverseIndicators.Holders holders, float factor, int reason) {
    int[] ordinals = holders.holders();
    float[] weights = holders.sums();
    for (int k = holders.from(); k < holders.to(); k++) {
      int ordinal = ordinals[k];
      if (sums[ordinal] == 0f) touch(ordinal, reason);
      sums[ordinal] += factor * weights[k];
    }
  }

  private void touch(int ordinal, int reason) {
    if (count == touched.length) touched = Arrays.copyOf(touched, count * 2);
    touched[count++] = ordinal;
    first[ordinal] = reason;
  }

  /** The reason of the first row that added to a touched ordinal. */
  int reason(int ordinal) {
    return first[ordinal];
  }

  /** How many ordinals have a sum above zero. */
  int touched() {
    return count;
  }

  float sum(int ordinal) {
    return sums[ordinal];
  }

  /**
   * The {@code n} ordinals of the largest sums, largest first (ties: the smaller ordinal first).
   */
  int[] best(int n) {
    // Sum and ordinal packed in one long (a positive float's bits order as the float does), in a
    // min-heap of the n largest so far.
    long[] heap = new long[Math.min(n, count)];
    int size = 0;
    for (int k = 0; k < count; k++) {
      int ordinal = touched[k];
      float sum = sums[ordinal];
      long key = ((long) Float.floatToIntBits(sum) << 32) | (Integer.MAX_VALUE - ordinal);
      if (size < heap.length) {
        heap[size] = key;
        up(heap, size++);
      } else if (heap.length > 0 && key > heap[0]) {
        heap[0] = key;
        down(heap, size);
      }
    }
    long[] found = Arrays.copyOf(heap, size);
    Arrays.sort(found);
    int[] out = new int[size];
    for (int k = 0; k < size; k++) out[k] = Integer.MAX_VALUE - (int) found[size - 1 - k];
    return out;
  }

  private static void up(long[] heap, int at) {
    long key = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (heap[parent] <= key) break;
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = key;
  }

  private static void down(long[] heap, int size) {
    long key = heap[0];
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && heap[child + 1] < heap[child]) child++;
      if (heap[child] >= key) break;
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = key;
  }

  /** Zeroes what this request touched and hands the sums back to the thread. */
  @Override
  public void close() {
    for (int k = 0; k < count; k++) sums[touched[k]] = 0f;
    count = 0;
    inUse = false;
  }
}
