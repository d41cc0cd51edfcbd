package io.vitrina.server.input;

import io.vertx.core.json.JsonObject;

/**
 * One thing wrong with one input: where ({@code index} of the entry in a batch, or -1, and the
 * {@code field} path inside it) and what.
 */
public record Problem(int index, String field, String message) {
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (index >= 0) json.put("index", index);
    if (field != null) json.put("field", field);
    return json.put("message", message);
  }

  /** "field: message", or the message alone when no field is named. */
  public String describe() {
    return field == null ? message : field + ": " + message;
  }

  public Problem at(int entryIndex) {
    return new Problem(entryIndex, field, message);
  }
}
