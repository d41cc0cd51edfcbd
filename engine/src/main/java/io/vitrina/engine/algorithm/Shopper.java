package io.vitrina.engine.algorithm;

/**
 * Who asks: the tracker's visitor id, the store's customer id, either or both (both lets the
 * profile follow a shopper who just logged in), or neither for an anonymous request.
 */
public record Shopper(String visitorId, String customerId) {
  public static final Shopper ANONYMOUS = new Shopper(null, null);

  public boolean isKnown() {
    return visitorId != null || customerId != null;
  }
}
