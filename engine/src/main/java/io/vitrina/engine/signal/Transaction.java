package io.vitrina.engine.signal;

import java.util.Locale;

/**
 * The order an event belongs to, as GA4 names it: {@code transaction_id}, {@code value}, {@code
 * currency}; what revenue reports read. A purchase with an id counts once however often it is sent;
 * a refund names the order it returns.
 *
 * @param id the store's order id, or null
 * @param value the order's worth (for a refund, what was given back), or null when not sent
 * @param currency ISO 4217 code in upper case, or null
 */
public record Transaction(String id, Double value, String currency) {
  public Transaction {
    id = id == null || id.isBlank() ? null : id.strip();
    currency =
        currency == null || currency.isBlank() ? null : currency.strip().toUpperCase(Locale.ROOT);
    if (value != null && (value < 0 || !Double.isFinite(value)))
      throw new IllegalArgumentException("a transaction's value must be a number of at least 0");
    if (id == null && value == null && currency == null)
      throw new IllegalArgumentException("a transaction needs an id, a value or a currency");
  }

  /** The transaction of these parts, or null when none is given. */
  public static Transaction of(String id, Double value, String currency) {
    boolean none =
        (id == null || id.isBlank()) && value == null && (currency == null || currency.isBlank());
    return none ? null : new Transaction(id, value, currency);
  }
}
