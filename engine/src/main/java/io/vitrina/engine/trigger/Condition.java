package io.vitrina.engine.trigger;

/**
 * A number a trigger kind's rule reads, which a store may change within bounds.
 *
 * @param name the name in the settings, e.g. {@code min_views}
 * @param defaultValue what it is unless the store says otherwise
 * @param min the smallest value accepted
 * @param max the largest value accepted
 * @param meaning what it changes, for error messages and the documentation
 */
public record Condition(String name, double defaultValue, double min, double max, String meaning) {
  public static final String MIN_VIEWS = "min_views";
  public static final String MIN_DROP = "min_drop";
  public static final String MIN_ITEMS = "min_items";
  public static final String LOOKBACK_VIEWS = "lookback_views";
  public static final String MIN_DUENESS = "min_dueness";
  public static final String LAPSE_FACTOR = "lapse_factor";
  public static final String MIN_ORDERS = "min_orders";

  static Condition minViews() {
    return new Condition(MIN_VIEWS, 2, 2, 100, "views of the same item at least");
  }

  static Condition minDrop() {
    return new Condition(
        MIN_DROP, 0.05, 0.01, 0.9, "share the price fell by at least (0.05: 5% cheaper)");
  }
}
