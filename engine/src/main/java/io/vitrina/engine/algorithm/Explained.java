package io.vitrina.engine.algorithm;

import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.model.Indicator;

/** Explanations read from the indicators that made a candidate a match. */
final class Explained {
  private Explained() {}

  /**
   * Why {@code item}, whose indicators named {@code name} hold {@code held}: {@code reason} with
   * {@code %1$s} for {@code heldName} and {@code %2$d} for how many shoppers did both; or, when the
   * item borrowed that indicator from a look-alike (a new item), {@code borrowedReason} with the
   * look-alike's title as {@code %3$s} and its count.
   */
  static String held(
      CatalogView catalog,
      String name,
      Item item,
      String held,
      String heldName,
      String reason,
      String borrowedReason) {
    int together = 0;
    for (Indicator one : catalog.indicators(name, item.id())) {
      if (one.itemId().equals(held)) {
        together = one.cooccurrences();
        break;
      }
    }
    String lender = catalog.lenderOf(name, item.id(), held);
    return lender == null
        ? Reasons.fill(reason, heldName, together)
        : Reasons.fill(borrowedReason, heldName, together, catalog.titleOf(lender));
  }
}
