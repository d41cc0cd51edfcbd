package io.vitrina.server.triggers;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One row of the outbox: an occasion a scan used up, fired (a message to deliver) or suppressed.
 *
 * @param id the row's id once stored (0 before)
 * @param shopper the profile key ({@code v:…} or {@code c:…})
 * @param subject what the message is about: item, category, query (those that apply)
 * @param items the items to show, as the pull and the webhook carry them
 */
record TriggerMessage(
    long id,
    String shopper,
    String kind,
    String occasion,
    Status status,
    JsonObject subject,
    JsonArray items,
    Instant firedAt) {

  enum Status {
    FIRED,
    SUPPRESSED,
    /**
     * Fired for a shopper in the holdout arm of an experiment on the kind: counted for the caps,
     * never delivered.
     */
    HOLDOUT;

    String wireName() {
      return name().toLowerCase();
    }
  }

  String visitorId() {
    return shopper.startsWith("v:") ? shopper.substring(2) : null;
  }

  String customerId() {
    return shopper.startsWith("c:") ? shopper.substring(2) : null;
  }

  /** The message as the pull endpoint lists it and the webhook posts it. */
  JsonObject toJson(boolean marketingAllowed) {
    return new JsonObject()
        .put("id", Long.toString(id))
        .put("kind", kind)
        .put("occasion", occasion)
        .put("fired_at", firedAt.toString())
        .put(
            "shopper",
            new JsonObject().put("visitor_id", visitorId()).put("customer_id", customerId()))
        .put("consent", new JsonObject().put("marketing", marketingAllowed))
        .put("subject", subject)
        .put("items", items);
  }
}
