package io.vitrina.engine.segment;

import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.profile.Orders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A store's segments kept current: each event's shopper is noted as it is applied ({@link
 * #noteChanged}) and placed again within a moment ({@link #placeNoted}, on a worker), and a scan
 * ({@link #rescan}) recomputes the RFM scale from every customer (unless the store set its own,
 * {@link #scoreBy}) and places every shopper again, for what time alone changes (a customer
 * drifting to at risk, a window passing) and for rules saved since.
 */
public final class LiveSegments {
  private final Function<String, ItemFacts> items;
  private final Supplier<Instant> clock;
  private final Membership membership = new Membership();

  /** Keys whose profile changed since {@link #placeNoted} last ran. */
  private final Set<String> noted = ConcurrentHashMap.newKeySet();

  /** Swapped whole, each change made on the latest (rules, scale and scans run on any thread). */
  private final AtomicReference<Segments> segments = new AtomicReference<>();

  /** The store's own RFM thresholds, or null: its customers' quintiles. */
  private volatile RfmScale storeScale;

  /**
   * @param clock the time now
   */
  public LiveSegments(
      Function<String, ItemFacts> items, Lifecycle.Settings lifecycle, Supplier<Instant> clock) {
    this.items = items;
    this.clock = clock;
    segments.set(new Segments(List.of(), RfmScale.NONE, lifecycle));
  }

  public Segments current() {
    return segments.get();
  }

  public Membership membership() {
    return membership;
  }

  /** Uses these rules from now on; members follow at the next scan. */
  public void rules(List<SegmentRule> rules) {
    segments.updateAndGet(now -> new Segments(rules, now.rfm(), now.lifecycle()));
  }

  /**
   * Scores RFM by the store's thresholds from now on, or (null) by its customers' quintiles again
   * from the next scan; members already placed follow at the next scan.
   */
  public void scoreBy(RfmScale scale) {
    storeScale = scale;
    if (scale != null)
      segments.updateAndGet(now -> new Segments(now.rules(), scale, now.lifecycle()));
  }

  /** Places the shopper again, after an event changed their profile. */
  public void changed(KeptProfile shopper) {
    membership.update(shopper.key(), current().of(shopper, context()));
  }

  /**
   * Notes that an event changed the shopper under {@code key}: {@link #placeNoted} places them. So
   * the intake pays a set insertion per event, and a shopper with many events is placed once.
   */
  public void noteChanged(String key) {
    noted.add(key);
  }

  /**
   * Places every shopper noted since the last call whose profile is still kept.
   *
   * @param byKey the kept profile under a key, if any
   * @return how many were placed
   */
  public int placeNoted(Function<String, Optional<KeptProfile>> byKey) {
    int placed = 0;
    for (var it = noted.iterator(); it.hasNext(); ) {
      String key = it.next();
      it.remove();
      Optional<KeptProfile> shopper = byKey.apply(key);
      if (shopper.isPresent()) {
        changed(shopper.get());
        placed++;
      }
    }
    return placed;
  }

  /** The shopper's profile went: they are in no segment. */
  public void gone(String key) {
    membership.forget(key);
  }

  /**
   * Recomputes the RFM scale from every kept customer (unless the store set its own) and places
   * every shopper again; then forgets whoever {@code stillKept} no longer accepts (erased or
   * evicted during the scan: a copy taken before must not bring them back).
   *
   * @param profiles calls its argument with every kept profile
   * @param stillKept whether a profile is still kept under a key
   * @return how many shoppers were placed
   */
  public int rescan(Consumer<Consumer<KeptProfile>> profiles, Predicate<String> stillKept) {
    // One instant for the scale and the placing, so that the scale's edges fall where it ranked.
    Instant now = clock.get();
    RfmScale quintiles = storeScale == null ? quintiles(profiles, now) : null;
    Segments next =
        segments.updateAndGet(
            s -> {
              RfmScale set = storeScale;
              // The store's scale went during the scan: the next scan computes the quintiles.
              RfmScale scale = set != null ? set : quintiles != null ? quintiles : s.rfm();
              return new Segments(s.rules(), scale, s.lifecycle());
            });
    SegmentContext context = new SegmentContext(now, eachOnce(items), next.rfm(), next.lifecycle());
    int[] placed = {0};
    profiles.accept(
        shopper -> {
          if (!stillKept.test(shopper.key())) return;
          membership.update(shopper.key(), next.of(shopper, context));
          placed[0]++;
        });
    membership.retainOnly(stillKept);
    return placed[0];
  }

  /**
   * {@code items}, asking it once per id: a scan reads the same popular items in many profiles (at
   * 58k profiles, 1.1 million views of 100k items, each asked of the catalog).
   */
  private static Function<String, ItemFacts> eachOnce(Function<String, ItemFacts> items) {
    Map<String, Optional<ItemFacts>> asked = new HashMap<>();
    return id -> asked.computeIfAbsent(id, k -> Optional.ofNullable(items.apply(k))).orElse(null);
  }

  private static RfmScale quintiles(Consumer<Consumer<KeptProfile>> profiles, Instant now) {
    List<Orders> customers = new ArrayList<>();
    profiles.accept(
        shopper -> {
          if (shopper.activity().orders().count() > 0) customers.add(shopper.activity().orders());
        });
    return RfmScale.ofQuantiles(customers, now);
  }

  private SegmentContext context() {
    Segments now = current();
    return new SegmentContext(clock.get(), items, now.rfm(), now.lifecycle());
  }
}
