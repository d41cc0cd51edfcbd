package io.vitrina.engine.campaign;

import java.util.Locale;
import java.util.Optional;

/**
 * When on the page a pop-up opens; the browser script watches for it.
 *
 * @param value the trigger's number: seconds, a percentage or a count; 0 for those without one
 */
public record PageTrigger(Type type, int value) {
  /** The moments the script can watch, with the name and range of their number. */
  public enum Type {
    /** The pointer leaves the window towards its top (desktop), or a fast scroll up (mobile). */
    EXIT_INTENT(null, 0, 0),
    /** The page has been open this many seconds. */
    TIME_ON_PAGE("seconds", 1, 3_600),
    /** The shopper scrolled this share of the page. */
    SCROLL_DEPTH("percent", 1, 100),
    /** No input for this many seconds. */
    IDLE("seconds", 1, 3_600),
    /** This is the shopper's Nth page view (or later) in the session. */
    PAGE_VIEWS("count", 1, 1_000),
    /** The shopper just added an item to the cart. */
    ADD_TO_CART(null, 0, 0),
    /** A shopper back from an earlier session, with items in the cart, opens a page. */
    RETURNING_WITH_CART(null, 0, 0);

    /** The field that holds the number, or null. */
    public final String field;

    public final int min;
    public final int max;

    Type(String field, int min, int max) {
      this.field = field;
      this.min = min;
      this.max = max;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Type> fromWireName(String name) {
      for (Type t : values()) if (t.wireName().equals(name)) return Optional.of(t);
      return Optional.empty();
    }
  }
}
