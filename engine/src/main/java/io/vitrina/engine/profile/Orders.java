package io.vitrina.engine.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A shopper's orders as a profile keeps them: what recency, frequency and monetary value, the
 * lifecycle and the shopper's own rhythm read. An immutable copy.
 *
 * @param count orders ever counted (each purchase event once, the same transaction id once)
 * @param first when the first was, or null when none
 * @param last when the latest was, or null when none
 * @param revenue what the orders were worth, net of refunds (never below 0)
 * @param recent the latest orders (at most {@link OrderHistory#MAX_RECENT}), most recent first,
 *     each worth its value net of the refunds that named it
 */
public record Orders(int count, Instant first, Instant last, double revenue, List<Order> recent) {
  public static final Orders NONE = new Orders(0, null, null, 0, List.of());

  /** One order: when, and what it was worth net of refunds. */
  public record Order(Instant at, double value) {}

  public Orders {
    recent = List.copyOf(recent);
  }

  /**
   * The shopper's own usual interval between orders: the median of the gaps between their recent
   * orders (the middle two averaged when even), or null with fewer than two orders.
   */
  public Duration medianInterval() {
    if (recent.size() < 2) return null;
    List<Duration> gaps = new ArrayList<>(recent.size() - 1);
    for (int i = 1; i < recent.size(); i++)
      gaps.add(Duration.between(recent.get(i).at(), recent.get(i - 1).at()));
    gaps.sort(null);
    int middle = gaps.size() / 2;
    return gaps.size() % 2 == 1
        ? gaps.get(middle)
        : gaps.get(middle - 1).plus(gaps.get(middle)).dividedBy(2);
  }
}
