package io.vitrina.engine.signal;

import java.util.function.ToDoubleFunction;

/**
 * What an order and a refund are worth: the one reading of value that profiles, models and
 * experiment reports share, so that a shopper's revenue is the same sum wherever it is read.
 */
public final class OrderValue {
  private OrderValue() {}

  /** A purchase's value: the {@code value} sent, else the sum of its lines' price × quantity. */
  public static double of(Event purchase) {
    if (purchase.transaction() != null && purchase.transaction().value() != null)
      return purchase.transaction().value();
    return lines(purchase);
  }

  /**
   * What a refund gives back: the {@code value} sent, else its lines' price × quantity (a partial
   * refund), else (a whole order, without lines or value) what the order it names was worth.
   *
   * @param orderValue the value of an order by transaction id, as the reader knows it (0 when it
   *     does not)
   */
  public static double ofRefund(Event refund, ToDoubleFunction<String> orderValue) {
    if (refund.transaction() != null && refund.transaction().value() != null)
      return refund.transaction().value();
    if (!refund.items().isEmpty()) return lines(refund);
    String order = refund.transactionId();
    return order == null ? 0 : orderValue.applyAsDouble(order);
  }

  private static double lines(Event event) {
    double sum = 0;
    for (EventItem line : event.items()) sum += line.price() * line.quantity();
    return sum;
  }
}
