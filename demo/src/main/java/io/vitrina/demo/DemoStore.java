package io.vitrina.demo;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.signal.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A realistic demo store — catalog plus a few days of shopper events — so that the service can
 * start with one command and show recommendations worth looking at.
 *
 * <p>Everything is derived from the seed and the reference time: the same arguments give the same
 * store, item for item and event for event, which keeps demos, documentation and tests stable. The
 * catalog has about 8 top categories and 36 subcategories ({@code ["Electronics", "Phones"]}), ~40
 * brands, log-normal prices per subcategory, ~15% discounted and ~5% sold-out items. The traffic
 * has shoppers with preferred categories and price sensitivity, Zipf-skewed popularity, searches,
 * logins ({@code identify}), abandoned carts and orders in which complements are bought together
 * (phone + case + charger, laptop + mouse + bag).
 *
 * @param items the catalog, in sku order ({@code sku-00001}, …)
 * @param events the shoppers' events, sorted by time, all in {@code [referenceTime - days,
 *     referenceTime)}
 */
public record DemoStore(List<Item> items, List<Event> events) {
  public static final long DEFAULT_SEED = 20_250_601L;
  public static final int DEFAULT_ITEMS = 3_000;
  public static final int DEFAULT_VISITORS = 3_000;
  public static final int DEFAULT_DAYS = 28;

  /**
   * The visitor a README can point at: browses phones, buys one with accessories, logs in as {@link
   * #DEMO_CUSTOMER_ID} and leaves a laptop in the cart.
   */
  public static final String DEMO_VISITOR_ID = DemoTraffic.visitorId(1);

  public static final String DEMO_CUSTOMER_ID = DemoTraffic.customerId(1);

  public DemoStore {
    items = List.copyOf(items);
    events = List.copyOf(events);
  }

  /** The default demo store, with its events ending at {@code referenceTime}. */
  public static DemoStore generate(Instant referenceTime) {
    return generate(DEFAULT_SEED, DEFAULT_ITEMS, DEFAULT_VISITORS, DEFAULT_DAYS, referenceTime);
  }

  /**
   * Generates a demo store.
   *
   * @param seed fixes every random choice
   * @param items catalog size, at least 1
   * @param visitors number of simulated visitors ({@code demo-visitor-0001}, …), at least 0
   * @param days length of the traffic window before {@code referenceTime}, at least 1
   * @param referenceTime "now" for the demo: events end before it, items were created in the 180
   *     days before it
   */
  public static DemoStore generate(
      long seed, int items, int visitors, int days, Instant referenceTime) {
    if (items < 1) throw new IllegalArgumentException("items must be at least 1, was " + items);
    if (visitors < 0) throw new IllegalArgumentException("visitors must be >= 0, was " + visitors);
    if (days < 1) throw new IllegalArgumentException("days must be at least 1, was " + days);
    if (referenceTime == null) throw new IllegalArgumentException("referenceTime is required");

    // Catalog and traffic use separate streams so that changing the visitor count does not
    // change the catalog.
    DemoCatalog catalog = DemoCatalog.generate(DemoRandom.mix(seed, -1), items, referenceTime);
    Instant windowStart = referenceTime.minus(Duration.ofDays(days));
    List<Event> events =
        new DemoTraffic(catalog, DemoRandom.mix(seed, -2), windowStart, referenceTime)
            .simulate(visitors);
    return new DemoStore(catalog.items(), events);
  }

  /** A summary: the default {@code toString} would print tens of thousands of events. */
  @Override
  public String toString() {
    return "DemoStore[" + items.size() + " items, " + events.size() + " events]";
  }
}
