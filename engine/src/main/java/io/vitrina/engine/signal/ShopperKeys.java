package io.vitrina.engine.signal;

/**
 * Profile keys: visitors and customers live in one key space, prefixed so that a visitor id can
 * never collide with a customer id.
 */
public final class ShopperKeys {
  private ShopperKeys() {}

  public static String visitor(String visitorId) {
    return "v:" + visitorId;
  }

  public static String customer(String customerId) {
    return "c:" + customerId;
  }

  /** Whether a key is a customer's (else a visitor's). */
  public static boolean isCustomer(String key) {
    return key.startsWith("c:");
  }

  /** The customer or visitor id a key holds. */
  public static String id(String key) {
    return key.substring(2);
  }
}
