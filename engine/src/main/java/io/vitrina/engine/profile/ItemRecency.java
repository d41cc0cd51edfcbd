package io.vitrina.engine.profile;

import java.time.Instant;
import java.util.Arrays;

/**
 * Items, oldest first, each once, with a few int columns each: one int array of fixed-width rows
 * (the item's {@link ItemIds int}, then its columns), moved in place. A row costs 4 bytes per int,
 * where a linked hash entry with a string key cost ~100; the lists are short (bounded), so a linear
 * scan from the newest end and a shift of the array are cheaper than hashing. Not thread-safe:
 * guarded by its profile's monitor.
 */
final class ItemRecency {
  private static final int[] NONE = new int[0];

  /** Ints per row: the item, then the columns. */
  private final int width;

  private int[] rows = NONE;
  private int size;

  /**
   * @param columns ints kept beside each item (a long takes two)
   */
  ItemRecency(int columns) {
    this.width = 1 + columns;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The item of row {@code row}, 0 being the oldest. */
  int item(int row) {
    return rows[row * width];
  }

  int column(int row, int column) {
    return rows[row * width + 1 + column];
  }

  void setColumn(int row, int column, int value) {
    rows[row * width + 1 + column] = value;
  }

  /** The long kept in columns {@code column} and {@code column + 1}. */
  long longColumn(int row, int column) {
    return ((long) column(row, column) << 32) | (column(row, column + 1) & 0xFFFF_FFFFL);
  }

  void setLongColumn(int row, int column, long value) {
    setColumn(row, column, (int) (value >>> 32));
    setColumn(row, column + 1, (int) value);
  }

  /** The row of {@code item}, or -1. */
  int indexOf(int item) {
    for (int row = size - 1; row >= 0; row--) if (rows[row * width] == item) return row;
    return -1;
  }

  boolean contains(int item) {
    return indexOf(item) >= 0;
  }

  /**
   * Makes {@code item} the newest row, moving it with its columns if it is there, else adding it
   * with zero columns (which tell a new row); then drops the oldest rows beyond {@code max}.
   *
   * @return the item's row: the newest
   */
  int touch(int item, int max) {
    int row = indexOf(item);
    ensureCapacity(size + 1, max);
    if (row >= 0) {
      if (row == size - 1) return row;
      // Copy the row past the end, then shift everything after its old place down by one.
      System.arraycopy(rows, row * width, rows, size * width, width);
      System.arraycopy(rows, (row + 1) * width, rows, row * width, (size - row) * width);
      return size - 1;
    }
    Arrays.fill(rows, size * width, (size + 1) * width, 0);
    rows[size * width] = item;
    size++;
    if (size > max) dropOldest(size - max);
    return size - 1;
  }

  /** Removes {@code item}'s row; false when it has none. */
  boolean remove(int item) {
    int row = indexOf(item);
    if (row < 0) return false;
    System.arraycopy(rows, (row + 1) * width, rows, row * width, (size - row - 1) * width);
    size--;
    return true;
  }

  private void dropOldest(int count) {
    System.arraycopy(rows, count * width, rows, 0, (size - count) * width);
    size -= count;
  }

  /** Room for {@code needed} rows, growing by half up to one past {@code max}. */
  private void ensureCapacity(int needed, int max) {
    if (needed * width <= rows.length) return;
    int capacity =
        Math.max(needed, Math.min(Math.max(4, size + (size >> 1)), saturatedAdd(max, 1)));
    rows = Arrays.copyOf(rows, capacity * width);
  }

  private static int saturatedAdd(int a, int b) {
    int sum = a + b;
    return sum < a ? Integer.MAX_VALUE : sum;
  }

  /** The items' ints, newest first. */
  int[] itemsNewestFirst() {
    int[] out = new int[size];
    for (int row = 0; row < size; row++) out[size - 1 - row] = item(row);
    return out;
  }

  /** The ids, newest first. */
  String[] newestFirst(ItemIds ids) {
    String[] out = new String[size];
    for (int row = 0; row < size; row++) out[size - 1 - row] = ids.name(item(row));
    return out;
  }

  /**
   * An instant as one long, nanoseconds since the epoch: exact between the years 1678 and 2262, and
   * clamped outside them.
   */
  static long nanos(Instant at) {
    long seconds = at.getEpochSecond();
    if (seconds >= Long.MAX_VALUE / 1_000_000_000L) return Long.MAX_VALUE;
    if (seconds <= Long.MIN_VALUE / 1_000_000_000L) return Long.MIN_VALUE;
    return seconds * 1_000_000_000L + at.getNano();
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
