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
}
