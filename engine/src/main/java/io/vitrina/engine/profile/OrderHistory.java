package io.vitrina.engine.profile;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.OrderValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule of what an order is, and a shopper's orders counted by it: a purchase event is one
 * order, worth {@link OrderValue#of}; the same transaction id again is the same order, not a second
 * one; a refund takes back {@link OrderValue#ofRefund}. Profiles keep one (from the first
 * purchase), and a model build one per buyer, so the lifecycle of both is counted the same way.
 *
 * <p>Compact: the latest {@link #MAX_RECENT} orders are one long array of rows (when, the value's
 * bits, a 64-bit hash of the transaction id), oldest first and sized to what it holds, so a
 * one-order shopper costs about 80 bytes. The hashes are the transaction ids remembered: a
 * transaction sent again after {@link #MAX_RECENT} later orders would count twice (the event log
 * already stores a purchase once per transaction id; this guards the profile on its own). Not
 * thread-safe: a profile guards it with its monitor.
 */
public final class OrderHistory {
  /** Orders whose date, value and transaction a history keeps. */
  public static final int MAX_RECENT = 12;

  private static final long[] NONE = {};

  // Columns of a row.
  private static final int AT = 0;
  private static final int VALUE = 1;
  private static final int ID = 2;
  private static final int WIDTH = 3;

  private int count;
  private long first;
  private double revenue;

  /** The latest orders, oldest first, WIDTH longs each; its length is what it holds. */
  private long[] recent = NONE;

  /**
   * Counts a purchase as an order, unless its transaction was counted already.
   *
   * @return whether it was a new order
   */
  public boolean purchased(Event purchase) {
    long id = idHash(purchase.transactionId());
    if (id != 0 && rowOf(id) >= 0) return false;
    long at = ItemRecency.nanos(purchase.occurredAt());
    double value = OrderValue.of(purchase);
    first = count == 0 ? at : Math.min(first, at);
    count++;
    revenue += value;
    insert(at, value, id);
    return true;
  }

  /**
   * Takes a refund off revenue, and off the order it names when that is among the recent ones (at
   * most what the order is still worth, so a refund sent twice takes nothing more).
   */
  public void refunded(Event refund) {
    long id = idHash(refund.transactionId());
    int row = id == 0 ? -1 : rowOf(id);
    double orderWorth = row < 0 ? 0 : value(row);
    double value = OrderValue.ofRefund(refund, order -> orderWorth);
    if (row >= 0) {
      value = Math.min(value, orderWorth);
      recent[row * WIDTH + VALUE] = Double.doubleToRawLongBits(orderWorth - value);
    }
    revenue = Math.max(0, revenue - value);
  }

  /**
   * Folds in another shopper's orders (a visitor's, at login): an order both hold (the same
   * transaction id among the recent ones) counts once, at the value this one has for it.
   */
  public void absorb(OrderHistory other) {
    if (other.count == 0) return;
    int rows = other.recent.length / WIDTH;
    boolean[] shared = new boolean[rows];
    int sharedCount = 0;
    double sharedValue = 0;
    // Against this history as it was, before inserting drops any of its rows.
    for (int row = 0; row < rows; row++) {
      long id = other.recent[row * WIDTH + ID];
      if (id != 0 && rowOf(id) >= 0) {
        shared[row] = true;
        sharedCount++;
        sharedValue += other.value(row);
      }
    }
    for (int row = 0; row < rows; row++)
      if (!shared[row])
        insert(other.recent[row * WIDTH + AT], other.value(row), other.recent[row * WIDTH + ID]);
    first = count == 0 ? other.first : Math.min(first, other.first);
    count += other.count - sharedCount;
    revenue = Math.max(0, revenue + other.revenue - sharedValue);
  }

  /** Orders counted. */
  public int count() {
    return count;
  }

  /** When the latest order was, or null when none. */
  public Instant last() {
    return count == 0 ? null : ItemRecency.instant(recent[recent.length - WIDTH + AT]);
  }

  public Orders view() {
    if (count == 0) return Orders.NONE;
    List<Orders.Order> orders = new ArrayList<>(recent.length / WIDTH);
    for (int row = recent.length / WIDTH - 1; row >= 0; row--)
      orders.add(new Orders.Order(ItemRecency.instant(recent[row * WIDTH + AT]), value(row)));
    return new Orders(count, ItemRecency.instant(first), last(), revenue, orders);
  }

  private double value(int row) {
    return Double.longBitsToDouble(recent[row * WIDTH + VALUE]);
  }

  private int rowOf(long id) {
    for (int row = recent.length / WIDTH - 1; row >= 0; row--)
      if (recent[row * WIDTH + ID] == id) return row;
    return -1;
  }

  /**
   * Adds an order in its place by time, dropping the oldest beyond {@link #MAX_RECENT}; an order
   * older than all of a full history is not kept (it still counts).
   */
  private void insert(long at, double value, long id) {
    int rows = recent.length / WIDTH;
    int place = rows;
    while (place > 0 && recent[(place - 1) * WIDTH + AT] > at) place--;
    boolean full = rows == MAX_RECENT;
    if (full && place == 0) return;
    // Full: the oldest row goes, so everything before the new one moves down by one.
    int dropped = full ? 1 : 0;
    long[] next = new long[(rows + 1 - dropped) * WIDTH];
    System.arraycopy(recent, dropped * WIDTH, next, 0, (place - dropped) * WIDTH);
    int to = (place - dropped) * WIDTH;
    next[to + AT] = at;
    next[to + VALUE] = Double.doubleToRawLongBits(value);
    next[to + ID] = id;
    System.arraycopy(recent, place * WIDTH, next, to + WIDTH, (rows - place) * WIDTH);
    recent = next;
  }

  /** A 64-bit FNV-1a hash of a transaction id, never 0; 0 for none. */
  static long idHash(String transactionId) {
    if (transactionId == null) return 0;
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < transactionId.length(); i++) {
      hash ^= transactionId.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash == 0 ? 1 : hash;
  }
}
