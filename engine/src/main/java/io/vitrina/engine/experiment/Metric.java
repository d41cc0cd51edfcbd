package io.vitrina.engine.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an experiment measures per arm, each per shopper from their first exposure. */
public enum Metric {
  /** Share of exposed shoppers who bought. */
  CONVERSION,
  /** Revenue (net of refunds) per exposed shopper. */
  REVENUE_PER_SHOPPER,
  /** Orders per exposed shopper. */
  ORDERS_PER_SHOPPER,
  /** Revenue per order: a ratio metric. */
  AVERAGE_ORDER_VALUE,
  /** Clicks on the placement per viewable impression of it: a ratio metric. */
  CTR,
  /** Items per order: a ratio metric. */
  ITEMS_PER_ORDER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Metric> byWireName(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName().equals(name)).findFirst();
  }

  /** Every wire name, for the message that refuses an unknown one. */
  public static String known() {
    return String.join(", ", Arrays.stream(values()).map(Metric::wireName).toList());
  }
}
