package io.vitrina.engine.segment;

import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.profile.Orders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store's segments kept current: each event's shopper is placed again as it is applied ({@link
 * #changed}), and a scan ({@link #rescan}) recomputes the RFM scale from every customer (unless the
 * store set its own, {@link #scale}) and places every shopper again, for what time alone changes (a
 * customer drifting to at risk, a window passing) and for rules saved since.
 */
public final class LiveSegments {
  private final Function<String, ItemFacts> items;
  private final Supplier<Instant> clock;
  private final Membership membership = new Membership();
  private volatile Segments segments;

  /** The store's own RFM thresholds, or null: its customers' quintiles. */
  private volatile RfmScale setScale;

  /**
   * @param clock the time now
   */
  public LiveSegments(
      Function<String, ItemFacts> items, Lifecycle.Settings lifecycle, Supplier<Instant> clock) {
    this.items = items;
    this.clock = clock;
    this.segments = new Segments(List.of(), RfmScale.NONE, lifecycle);
  }

  public Segments current() {
    return segments;
  }

  public Membership membership() {
    return membership;
  }

  /** Uses these rules from now on; members follow at the next scan. */
  public void rules(List<SegmentRule> rules) {
    Segments now = segments;
    segments = new Segments(rules, now.rfm(), now.lifecycle());
  }

  /**
   * Scores RFM by the store's thresholds from now on, or (null) by its customers' quintiles again
   * from the next scan; members already placed follow at the next scan.
   */
  public void scale(RfmScale scale) {
    setScale = scale;
    Segments now = segments;
    if (scale != null) segments = new Segments(now.rules(), scale, now.lifecycle());
  }

  /** Places the shopper again, after an event changed their profile. */
  public void changed(KeptProfile shopper) {
    membership.update(shopper.key(), segments.of(shopper, context()));
  }

  /** The shopper's profile went: they are in no segment. */
  public void gone(String key) {
    membership.forget(key);
  }

  /**
   * Recomputes the RFM scale from every kept customer (unless the store set its own) and places
   * every shopper again.
   *
   * @param profiles calls its argument with every kept profile
   * @return how many shoppers were placed
   */
  public int rescan(Consumer<Consumer<KeptProfile>> profiles) {
    // One instant for the scale and the placing, so that the scale's edges fall where it ranked.
    Instant now = clock.get();
    RfmScale scale = setScale;
    if (scale == null) {
      List<Orders> customers = new ArrayList<>();
      profiles.accept(
          shopper -> {
            if (shopper.activity().orders().count() > 0) customers.add(shopper.activity().orders());
          });
      scale = RfmScale.ofQuantiles(customers, now);
    }
    Segments before = segments;
    Segments next = new Segments(before.rules(), scale, before.lifecycle());
    segments = next;
    SegmentContext context = new SegmentContext(now, items, next.rfm(), next.lifecycle());
    Set<String> kept = new HashSet<>();
    profiles.accept(
        shopper -> {
          kept.add(shopper.key());
          membership.update(shopper.key(), next.of(shopper, context));
        });
    membership.retainOnly(kept);
    return kept.size();
  }

  private SegmentContext context() {
    Segments now = segments;
    return new SegmentContext(clock.get(), items, now.rfm(), now.lifecycle());
  }
}
