package io.vitrina.engine.trigger;

import io.vitrina.engine.profile.Moments;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.engine.profile.Repurchase;
import io.vitrina.engine.trigger.CatalogFacts.ItemFact;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place trigger rules are computed: which kinds are due for a shopper now, and which of
 * them fires ({@link #decide}). Pure: the profile, what was sent, the catalog's facts and the time
 * come in.
 *
 * <p>Each kind has a moment (the cart's last change, the watched item's last view, the search, the
 * latest order…) and fires from {@code moment + delay} until {@code within} after that. A purchase
 * at or after the moment clears what it answers (cart, view, category, search).
 */
public final class TriggerRules {
  private final TriggerSettings settings;

  public TriggerRules(TriggerSettings settings) {
    this.settings = settings;
  }

  public TriggerSettings settings() {
    return settings;
  }

  /**
   * The message to send to this shopper now, if any: the due occasions not used up, minus the kinds
   * capped; the first by priority fires and the others are suppressed, unless the shopper's own cap
   * holds them all back.
   */
  public Decision decide(ProfileView profile, Sent sent, CatalogFacts catalog, Instant now) {
    List<Firing> due = new ArrayList<>();
    for (Firing f : due(profile, catalog, now)) {
      if (sent.used().contains(f.key())) continue;
      Instant last = sent.lastByKind().get(f.kind());
      if (last != null && now.isBefore(last.plus(settings.kindCap()))) continue;
      due.add(f);
    }
    if (due.isEmpty()) return Decision.NOTHING;
    due.sort(Comparator.comparing(Firing::kind));
    if (sent.lastSent() != null && now.isBefore(sent.lastSent().plus(settings.shopperCap())))
      return new Decision(null, List.of(), due);
    return new Decision(due.get(0), due.subList(1, due.size()), List.of());
  }

  /** Every enabled kind whose occasion is due now, at most one occasion per kind. */
  public List<Firing> due(ProfileView p, CatalogFacts catalog, Instant now) {
    List<Firing> out = new ArrayList<>();
    for (TriggerKind kind : TriggerKind.values()) {
      KindSettings k = settings.of(kind);
      if (!k.enabled()) continue;
      Firing f = dueOf(kind, k, p, catalog, now);
      if (f != null) out.add(f);
    }
    return out;
  }

  private Firing dueOf(
      TriggerKind kind, KindSettings k, ProfileView p, CatalogFacts catalog, Instant now) {
    Moments m = p.moments();
    return switch (kind) {
      case ABANDONED_CART -> abandonedCart(kind, k, p, now);
      case ABANDONED_CART_CHEAPER -> cartCheaper(kind, k, p, catalog, now);
      case ABANDONED_VIEW -> watched(kind, k, p, catalog, now, Watch.IN_STOCK);
      case ABANDONED_VIEW_OUT_OF_STOCK, STILL_OUT_OF_STOCK ->
          watched(kind, k, p, catalog, now, Watch.OUT_OF_STOCK);
      case ABANDONED_VIEW_CHEAPER -> watched(kind, k, p, catalog, now, Watch.CHEAPER);
      case ABANDONED_CATEGORY -> abandonedCategory(kind, k, p, catalog, now);
      case ABANDONED_SEARCH -> abandonedSearch(kind, k, p, now);
      case PRICE_DROP -> priceDrop(kind, k, p, catalog, now);
      case BACK_IN_STOCK -> backInStock(kind, k, p, catalog, now);
      case AFTER_PURCHASE -> {
        Instant last = p.orders().last();
        yield open(k, last, now)
            ? Firing.on(kind, last.toString())
                .withBasket(p.purchases().subList(0, Math.min(5, p.purchases().size())))
            : null;
      }
      case REPURCHASE -> repurchase(kind, k, p, now);
      case REACTIVATION -> reactivation(kind, k, p, now);
      case WELCOME -> open(k, m.signedUp(), now) ? Firing.on(kind, m.signedUp().toString()) : null;
      case NEXT_BEST_OFFER -> {
        Instant last = p.orders().last();
        yield p.orders().count() >= k.condition(Condition.MIN_ORDERS) && open(k, last, now)
            ? Firing.on(kind, last.toString())
            : null;
      }
    };
  }

  /** Whether an occasion at {@code moment} is due now: its delay passed, its window not. */
  static boolean open(KindSettings k, Instant moment, Instant now) {
    if (moment == null) return false;
    Instant from = moment.plus(k.delay());
    return !now.isBefore(from) && now.isBefore(from.plus(k.within()));
  }

  /** Whether the shopper ordered at or after {@code moment}: what clears an abandonment. */
  private static boolean boughtSince(ProfileView p, Instant moment) {
    Instant last = p.orders().last();
    return last != null && !last.isBefore(moment);
  }

  /** The cart moment, when a cart message may go: left, not bought since, not just after one. */
  private Instant cartMoment(KindSettings k, ProfileView p, Instant now) {
    Instant changed = p.moments().cartChanged();
    if (p.cart().isEmpty() || !open(k, changed, now) || boughtSince(p, changed)) return null;
    Instant last = p.orders().last();
    if (last != null && now.isBefore(last.plus(settings.cartQuietAfterPurchase()))) return null;
    return changed;
  }

  private Firing abandonedCart(TriggerKind kind, KindSettings k, ProfileView p, Instant now) {
    Instant changed = cartMoment(k, p, now);
    return changed == null ? null : Firing.on(kind, changed.toString()).withBasket(p.cart());
  }

  private Firing cartCheaper(
      TriggerKind kind, KindSettings k, ProfileView p, CatalogFacts catalog, Instant now) {
    Instant changed = cartMoment(k, p, now);
    if (changed == null) return null;
    for (String id : p.cart()) {
      Double then = p.moments().cartPrices().get(id);
      ItemFact fact = catalog.item(id);
      if (then != null && fact != null && cheaper(fact.price(), then, k))
        return Firing.on(kind, changed + "/" + id + "@" + fact.price())
            .withItem(id)
            .withBasket(p.cart());
    }
    return null;
  }

  private static boolean cheaper(double now, double then, KindSettings k) {
    return now > 0 && then > 0 && now <= then * (1 - k.condition(Condition.MIN_DROP));
  }

  private enum Watch {
    IN_STOCK,
    OUT_OF_STOCK,
    CHEAPER
  }

  /** The kinds about the item the shopper viewed repeatedly and left. */
  private static Firing watched(
      TriggerKind kind,
      KindSettings k,
      ProfileView p,
      CatalogFacts catalog,
      Instant now,
      Watch watch) {
    Moments.Watched w = p.moments().watched();
    if (w == null || w.views() < k.condition(Condition.MIN_VIEWS)) return null;
    if (!open(k, w.lastViewed(), now) || boughtSince(p, w.lastViewed())) return null;
    if (p.cart().contains(w.itemId())) return null; // a cart message's business
    ItemFact fact = catalog.item(w.itemId());
    if (fact == null) return null;
    boolean fits =
        switch (watch) {
          case IN_STOCK -> fact.inStock();
          case OUT_OF_STOCK -> !fact.inStock();
          case CHEAPER -> fact.inStock() && cheaper(fact.price(), w.price(), k);
        };
    return fits ? Firing.on(kind, w.itemId() + "@" + w.lastViewed()).withItem(w.itemId()) : null;
  }

  private static Firing abandonedCategory(
      TriggerKind kind, KindSettings k, ProfileView p, CatalogFacts catalog, Instant now) {
    Instant viewed = p.moments().viewed();
    if (!open(k, viewed, now) || boughtSince(p, viewed)) return null;
    int lookback = (int) k.condition(Condition.LOOKBACK_VIEWS);
    Map<String, Integer> counts = new HashMap<>();
    String best = null;
    for (String id : p.recentViews().subList(0, Math.min(lookback, p.recentViews().size()))) {
      ItemFact fact = catalog.item(id);
      if (fact == null || fact.category() == null) continue;
      int n = counts.merge(fact.category(), 1, Integer::sum);
      if (best == null || n > counts.get(best)) best = fact.category();
    }
    if (best == null || counts.get(best) < k.condition(Condition.MIN_ITEMS)) return null;
    return Firing.on(kind, best + "@" + viewed).withCategory(best);
  }

  private static Firing abandonedSearch(
      TriggerKind kind, KindSettings k, ProfileView p, Instant now) {
    Instant searched = p.moments().searched();
    if (p.searches().isEmpty() || !open(k, searched, now) || boughtSince(p, searched)) return null;
    Instant carted = p.moments().cartChanged();
    if (carted != null && !carted.isBefore(searched)) return null; // it led to the cart
    return Firing.on(kind, searched.toString()).withQuery(p.searches().get(0));
  }

  /** A recently viewed item now discounted (the store's old price above its price). */
  private static Firing priceDrop(
      TriggerKind kind, KindSettings k, ProfileView p, CatalogFacts catalog, Instant now) {
    if (!open(k, p.moments().viewed(), now)) return null;
    for (String id : p.recentViews().subList(0, Math.min(20, p.recentViews().size()))) {
      ItemFact fact = catalog.item(id);
      if (fact != null
          && fact.inStock()
          && fact.oldPrice() != null
          && cheaper(fact.price(), fact.oldPrice(), k))
        return Firing.on(kind, id + "@" + fact.price()).withItem(id);
    }
    return null;
  }

  /** A recently viewed item that came back in stock within the kind's window. */
  private static Firing backInStock(
      TriggerKind kind, KindSettings k, ProfileView p, CatalogFacts catalog, Instant now) {
    for (String id : p.recentViews().subList(0, Math.min(20, p.recentViews().size()))) {
      ItemFact fact = catalog.item(id);
      if (fact != null && fact.inStock() && open(k, fact.restockedAt(), now))
        return Firing.on(kind, id + "@" + fact.restockedAt()).withItem(id);
    }
    return null;
  }

  /** An item the shopper buys again and again, once their own cycle says it is due. */
  private static Firing repurchase(TriggerKind kind, KindSettings k, ProfileView p, Instant now) {
    double dueness = k.condition(Condition.MIN_DUENESS);
    for (Repurchase r : p.repurchases()) {
      Instant due = r.lastBought().plus(scaled(r.cycle(), dueness));
      if (open(k, due, now))
        return Firing.on(kind, r.itemId() + "@" + r.lastBought()).withItem(r.itemId());
    }
    return null;
  }

  /** A buyer lapsed beyond their own usual interval between orders. */
  private static Firing reactivation(TriggerKind kind, KindSettings k, ProfileView p, Instant now) {
    if (p.orders().count() < k.condition(Condition.MIN_ORDERS)) return null;
    Duration usual = p.orders().medianInterval();
    if (usual == null || usual.isZero()) return null;
    Instant lapsed = p.orders().last().plus(scaled(usual, k.condition(Condition.LAPSE_FACTOR)));
    return open(k, lapsed, now) ? Firing.on(kind, p.orders().last().toString()) : null;
  }

  private static Duration scaled(Duration d, double factor) {
    return Duration.ofSeconds((long) (d.toSeconds() * factor));
  }
}
