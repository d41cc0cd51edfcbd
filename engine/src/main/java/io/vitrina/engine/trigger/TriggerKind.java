package io.vitrina.engine.trigger;

import io.vitrina.engine.algorithm.AlgorithmCatalog;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fifteen trigger messages, in priority order: when several are due for one shopper, the first
 * here wins (the one closest to an order, by {@link Stage}) and the others are suppressed. Each
 * names the algorithm whose items it carries, and its defaults (docs/TRIGGERS.md says what each
 * rule is; {@link TriggerRules} is the one place it is computed).
 */
public enum TriggerKind {
  ABANDONED_CART_CHEAPER(
      "abandoned_cart_cheaper",
      Stage.CART,
      AlgorithmCatalog.ABANDONED_CART,
      Duration.ofHours(1),
      Duration.ofDays(7),
      List.of(Condition.minDrop())),
  ABANDONED_CART(
      "abandoned_cart",
      Stage.CART,
      AlgorithmCatalog.ABANDONED_CART,
      Duration.ofHours(1),
      Duration.ofDays(7),
      List.of()),
  ABANDONED_VIEW_CHEAPER(
      "abandoned_view_cheaper",
      Stage.VIEW,
      AlgorithmCatalog.SIMILAR,
      Duration.ofHours(1),
      Duration.ofDays(7),
      List.of(Condition.minViews(), Condition.minDrop())),
  ABANDONED_VIEW_OUT_OF_STOCK(
      "abandoned_view_out_of_stock",
      Stage.VIEW,
      AlgorithmCatalog.ALTERNATIVES,
      Duration.ofHours(1),
      Duration.ofDays(1),
      List.of(Condition.minViews())),
  ABANDONED_VIEW(
      "abandoned_view",
      Stage.VIEW,
      AlgorithmCatalog.SIMILAR,
      Duration.ofHours(2),
      Duration.ofDays(3),
      List.of(Condition.minViews())),
  ABANDONED_CATEGORY(
      "abandoned_category",
      Stage.CATEGORY,
      AlgorithmCatalog.CATEGORY_POPULAR,
      Duration.ofHours(3),
      Duration.ofDays(3),
      List.of(
          new Condition(
              Condition.MIN_ITEMS, 3, 2, 50, "distinct items of one category viewed at least"),
          new Condition(
              Condition.LOOKBACK_VIEWS, 10, 2, 50, "latest views in which they are counted"))),
  ABANDONED_SEARCH(
      "abandoned_search",
      Stage.SEARCH,
      AlgorithmCatalog.SEARCH_TO_ITEMS,
      Duration.ofHours(3),
      Duration.ofDays(3),
      List.of()),
  PRICE_DROP(
      "price_drop",
      Stage.OTHER,
      AlgorithmCatalog.PRICE_DROP,
      Duration.ofHours(12),
      Duration.ofDays(30),
      List.of(Condition.minDrop())),
  BACK_IN_STOCK(
      "back_in_stock",
      Stage.OTHER,
      AlgorithmCatalog.BACK_IN_STOCK,
      Duration.ZERO,
      Duration.ofDays(3),
      List.of()),
  STILL_OUT_OF_STOCK(
      "still_out_of_stock",
      Stage.OTHER,
      AlgorithmCatalog.ALTERNATIVES,
      Duration.ofDays(3),
      Duration.ofDays(7),
      List.of(Condition.minViews())),
  AFTER_PURCHASE(
      "after_purchase",
      Stage.OTHER,
      AlgorithmCatalog.CART_CROSS_SELL,
      Duration.ofDays(2),
      Duration.ofDays(5),
      List.of()),
  REPURCHASE(
      "repurchase",
      Stage.OTHER,
      AlgorithmCatalog.REPLENISH,
      Duration.ZERO,
      Duration.ofDays(14),
      List.of(
          new Condition(
              Condition.MIN_DUENESS,
              0.9,
              0.1,
              3,
              "share of the shopper's own cycle passed since they last bought the item"))),
  REACTIVATION(
      "reactivation",
      Stage.OTHER,
      AlgorithmCatalog.EMAIL_PERSONAL,
      Duration.ZERO,
      Duration.ofDays(30),
      List.of(
          new Condition(Condition.MIN_ORDERS, 2, 2, 100, "orders the shopper placed at least"),
          new Condition(
              Condition.LAPSE_FACTOR,
              1.5,
              1,
              10,
              "times the shopper's usual interval between orders passed since the latest"))),
  WELCOME(
      "welcome",
      Stage.OTHER,
      AlgorithmCatalog.PERSONAL,
      Duration.ofMinutes(10),
      Duration.ofDays(2),
      List.of()),
  NEXT_BEST_OFFER(
      "next_best_offer",
      Stage.OTHER,
      AlgorithmCatalog.NEXT_BEST_OFFER,
      Duration.ofDays(14),
      Duration.ofDays(30),
      List.of(
          new Condition(Condition.MIN_ORDERS, 1, 1, 100, "orders the shopper placed at least")));

  private final String wireName;
  private final Stage stage;
  private final String algorithm;
  private final KindSettings defaults;
  private final List<Condition> conditions;

  TriggerKind(
      String wireName,
      Stage stage,
      String algorithm,
      Duration delay,
      Duration within,
      List<Condition> conditions) {
    this.wireName = wireName;
    this.stage = stage;
    this.algorithm = algorithm;
    this.conditions = List.copyOf(conditions);
    this.defaults = KindSettings.of(true, delay, within, this.conditions);
  }

  /** Its name in the API and the settings, e.g. {@code abandoned_cart}. */
  public String wireName() {
    return wireName;
  }

  public Stage stage() {
    return stage;
  }

  /** The algorithm whose items the message carries. */
  public String algorithm() {
    return algorithm;
  }

  /** The numbers its rule reads beside the delay, with their defaults and bounds. */
  public List<Condition> conditions() {
    return conditions;
  }

  public KindSettings defaults() {
    return defaults;
  }

  public static Optional<TriggerKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
  }
}
