package io.vitrina.engine.signal;

/** An item line of an event: which item, how many, at what unit price (0 when unknown). */
public record EventItem(String itemId, int quantity, double price) {
  public EventItem {
    if (itemId == null || itemId.isBlank()) throw new IllegalArgumentException("item id is blank");
    if (quantity <= 0) quantity = 1;
  }

  public static EventItem of(String itemId) {
    return new EventItem(itemId, 1, 0);
  }
}
