package io.vitrina.engine.segment;

import io.vitrina.engine.profile.Activity;
import io.vitrina.engine.profile.KeptProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One condition of a rule segment over what a profile knows. Behaviour counts what the profile
 * keeps: the latest 50 viewed items and 100 bought ones, each with how many times and when last; a
 * window ({@code within}) counts an item's views or purchases when its latest one falls in it.
 */
public sealed interface Condition {
  boolean holds(KeptProfile shopper, SegmentContext context);

  /** The shopper's region (of their latest event that named one) is one of these. */
  record Region(Set<String> in) implements Condition {
    public Region {
      in = Set.copyOf(in.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      String region = shopper.activity().region();
      return region != null && in.contains(region.toLowerCase(Locale.ROOT));
    }
  }

  /** Viewed matching items at least {@code atLeast} times, within the window when one is given. */
  record Viewed(ItemMatch items, int atLeast, Duration within) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return times(shopper.activity().views(), items, within, context) >= atLeast;
    }
  }

  /** Bought matching items at least {@code atLeast} times, within the window when one is given. */
  record Bought(ItemMatch items, int atLeast, Duration within) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return times(shopper.activity().purchases(), items, within, context) >= atLeast;
    }
  }

  /** At least {@code atLeast} matching items in the cart now. */
  record InCart(ItemMatch items, int atLeast) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      int count = 0;
      for (String id : shopper.activity().cart()) if (items.matches(id, context.items())) count++;
      return count >= atLeast;
    }
  }

  /** The cart's value (each item at its catalog price now) is in the range. */
  record CartValue(Range value) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      double sum = 0;
      for (String id : shopper.activity().cart()) {
        ItemFacts item = context.items().apply(id);
        if (item != null) sum += item.price();
      }
      return value.contains(sum);
    }
  }

  /** How many orders the shopper made is in the range. */
  record OrderCount(Range count) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return count.contains(shopper.activity().orders().count());
    }
  }

  /** What the shopper's orders were worth, net of refunds, is in the range. */
  record Revenue(Range value) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return value.contains(shopper.activity().orders().revenue());
    }
  }

  /** The shopper is at one of these stages of {@link Lifecycle}. */
  record InLifecycle(Set<Lifecycle> in) implements Condition {
    public InLifecycle {
      in = Set.copyOf(in);
    }

    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return in.contains(
          Lifecycle.of(shopper.activity().orders(), context.now(), context.lifecycle()));
    }
  }

  /** The customer is in one of these RFM groups (a shopper who never ordered is in none). */
  record InRfmGroup(Set<RfmGroup> in) implements Condition {
    public InRfmGroup {
      in = Set.copyOf(in);
    }

    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      RfmScore score = context.rfm().score(shopper.activity().orders(), context.now());
      return score != null && in.contains(score.group());
    }
  }

  /** One of the shopper's recent searches holds this text (case-insensitive). */
  record Searched(String text) implements Condition {
    public Searched {
      text = text.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      for (String query : shopper.activity().searches())
        if (query.toLowerCase(Locale.ROOT).contains(text)) return true;
      return false;
    }
  }

  /** The shopper's latest event is within the window. */
  record LastSeen(Duration within) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return inWindow(shopper.activity().lastSeen(), within, context.now());
    }
  }

  /** The shopper's first event is within the window: a new visitor. */
  record FirstSeen(Duration within) implements Condition {
    @Override
    public boolean holds(KeptProfile shopper, SegmentContext context) {
      return inWindow(shopper.activity().firstSeen(), within, context.now());
    }
  }

  private static int times(
      List<Activity.Visit> visits, ItemMatch items, Duration within, SegmentContext context) {
    int times = 0;
    for (Activity.Visit visit : visits) {
      if (within != null && !inWindow(visit.last(), within, context.now())) continue;
      if (items.matches(visit.itemId(), context.items())) times += visit.times();
    }
    return times;
  }

  private static boolean inWindow(Instant at, Duration within, Instant now) {
    return at != null && !at.isBefore(now.minus(within));
  }
}
