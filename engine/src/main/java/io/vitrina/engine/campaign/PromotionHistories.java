package io.vitrina.engine.campaign;

import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.ShopperKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every shopper's {@link PromotionHistory} on this node, by profile key ({@code v:…}, {@code c:…}),
 * fed with their {@code view_promotion} and closing {@code select_promotion} events. An event
 * naming a visitor and a customer is kept under both, and a decision reads both as one. Bounded:
 * beyond {@code maxShoppers}, the tenth least lately active are dropped. Thread-safe; a read costs
 * one map look-up per key.
 */
public final class PromotionHistories {
  private final int maxShoppers;
  private final Map<String, PromotionHistory> byKey = new ConcurrentHashMap<>();

  public PromotionHistories(int maxShoppers) {
    if (maxShoppers < 1) throw new IllegalArgumentException("maxShoppers must be positive");
    this.maxShoppers = maxShoppers;
  }

  /** A {@code select_promotion} event's action (kept in its query) when the shopper closed it. */
  public static final String CLOSE = "close";

  /**
   * Keeps what a shopper's event tells of their promotions: a {@code view_promotion} is a show, a
   * {@code select_promotion} whose action is {@link #CLOSE} a close, of its {@code item_list_id}.
   * Whether the event should count (its token, its origin) is the caller's.
   */
  public void apply(Event event) {
    if (event.listId() == null) return;
    boolean view = event.type() == EventType.VIEW_PROMOTION;
    boolean close = event.type() == EventType.SELECT_PROMOTION && CLOSE.equals(event.query());
    if (!view && !close) return;
    List<String> keys = keysOf(event);
    if (view) viewed(keys, event.listId(), event.occurredAt());
    else closed(keys, event.listId(), event.occurredAt());
  }

  /** The profile keys an event (or a request) names: its visitor's, its customer's. */
  public static List<String> keysOf(String visitorId, String customerId) {
    List<String> keys = new ArrayList<>(2);
    if (visitorId != null && !visitorId.isBlank()) keys.add(ShopperKeys.visitor(visitorId));
    if (customerId != null && !customerId.isBlank()) keys.add(ShopperKeys.customer(customerId));
    return keys;
  }

  private static List<String> keysOf(Event event) {
    return keysOf(event.visitorId(), event.customerId());
  }

  /** The shopper under {@code key} was shown the campaign (or slot) at {@code at}. */
  public void viewed(Collection<String> keys, String campaign, Instant at) {
    for (String key : keys)
      byKey.merge(
          key, PromotionHistory.NONE.viewed(campaign, at), (was, x) -> was.viewed(campaign, at));
    bound();
  }

  /** The shopper under {@code key} closed the campaign at {@code at}. */
  public void closed(Collection<String> keys, String campaign, Instant at) {
    for (String key : keys)
      byKey.merge(
          key, PromotionHistory.NONE.closed(campaign, at), (was, x) -> was.closed(campaign, at));
    bound();
  }

  /** The history of the shopper these keys name, as one. */
  public PromotionHistory of(Collection<String> keys) {
    PromotionHistory out = PromotionHistory.NONE;
    for (String key : keys) {
      PromotionHistory h = byKey.get(key);
      if (h != null) out = out.merged(h);
    }
    return out;
  }

  /** Forgets the shoppers whose keys {@code erased} accepts. */
  public void forget(Predicate<String> erased) {
    byKey.keySet().removeIf(erased);
  }

  public int size() {
    return byKey.size();
  }

  private void bound() {
    if (byKey.size() <= maxShoppers) return;
    synchronized (this) {
      if (byKey.size() <= maxShoppers) return;
      // Amortized: one scan drops a tenth, so the next scan is a tenth of the bound away.
      List<Map.Entry<String, Long>> all = new ArrayList<>(byKey.size());
      byKey.forEach((k, v) -> all.add(Map.entry(k, v.lastActive())));
      all.sort(Map.Entry.comparingByValue());
      int drop = all.size() - maxShoppers + Math.max(1, maxShoppers / 10);
      for (int i = 0; i < drop && i < all.size(); i++) byKey.remove(all.get(i).getKey());
    }
  }
}
