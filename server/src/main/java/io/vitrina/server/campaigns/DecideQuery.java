package io.vitrina.server.campaigns;

import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Device;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.QueryParams;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of {@code GET /v1/decide}: the shopper, the page (its URL, the device, the slots
 * it has, the session's start) and the page's context for item strips.
 *
 * @param slots the names of the slots on the page, in the page's order
 * @param sessionStart when the script's session began, or null
 */
record DecideQuery(
    String visitor,
    String customer,
    String url,
    Device device,
    List<String> slots,
    Instant sessionStart,
    String item,
    String category,
    List<String> cart) {
  static final int MAX_URL = 2_000;
  static final int MAX_SLOTS = 20;

  /** A session start further ahead than this is a wrong clock, not drift. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /**
   * Reads every parameter and refuses the request with every problem at once.
   *
   * @throws io.vitrina.server.input.InvalidQueryException listing every problem, by parameter
   */
  static DecideQuery parse(QueryParams p, Instant now) {
    String visitor = p.id("visitor");
    String customer = p.id("customer");
    if (visitor == null && customer == null)
      p.problem("visitor", "is required (or customer): caps count the shopper's own shows");
    String url = p.text("url", MAX_URL);
    if (url != null && (!url.startsWith("/") || url.startsWith("//")))
      p.problem("url", "must be the page's path and query, such as /demo/cart?x=1");
    Device device = device(p);
    List<String> slots = new ArrayList<>();
    for (String name : p.list("slots", JsonFields.MAX_ID_LENGTH)) {
      if (!Campaign.validId(name))
        p.problem(
            "slots", "'" + name + "' is not a slot name (lower-case letters, digits, _ or -)");
      else if (!slots.contains(name)) slots.add(name);
    }
    if (slots.size() > MAX_SLOTS) p.problem("slots", "names more than " + MAX_SLOTS + " slots");
    Instant sessionStart = sessionStart(p, now);
    String item = p.id("item");
    String category = p.text("category", JsonFields.MAX_TERM_LENGTH);
    List<String> cart = p.list("cart", JsonFields.MAX_ID_LENGTH);
    p.finish();
    return new DecideQuery(
        visitor, customer, url, device, slots, sessionStart, item, category, cart);
  }

  private static Device device(QueryParams p) {
    String raw = p.text("device", 20);
    if (raw == null) return null;
    Device d = Device.fromWireName(raw).orElse(null);
    if (d == null) p.problem("device", "must be desktop, mobile or tablet, was '" + raw + "'");
    return d;
  }

  private static Instant sessionStart(QueryParams p, Instant now) {
    String raw = p.text("session_start", 64);
    if (raw == null) return null;
    try {
      Instant at = Instant.parse(raw);
      if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
        p.problem("session_start", "is in the future: " + at);
        return null;
      }
      return at;
    } catch (DateTimeParseException e) {
      p.problem(
          "session_start",
          "must be an ISO-8601 instant like 2026-11-23T10:15:30Z, was '" + raw + "'");
      return null;
    }
  }
}
