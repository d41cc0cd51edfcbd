package io.vitrina.server.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.signal.Event;
import io.vitrina.server.catalog.CatalogService;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonErrors;
import io.vitrina.server.input.Problem;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/events}: one event (an object) or a batch (an array), as JSON, or as text/plain
 * for {@code navigator.sendBeacon}. Valid entries are committed even when others are rejected; the
 * answer says which were rejected, by index, and why.
 */
final class EventsHandler {
  static final int MAX_BATCH = 5_000;
  private final EventIntake intake;
  private final CatalogService catalog;
  private final Metrics metrics;
  private final Clock clock;

  EventsHandler(EventIntake intake, CatalogService catalog, Metrics metrics, Clock clock) {
    this.intake = intake;
    this.catalog = catalog;
    this.metrics = metrics;
    this.clock = clock;
  }

  void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.startsWith("application/json") && !type.startsWith("text/plain")) {
      ctx.fail(
          new ApiException(
              415,
              "unsupported_media_type",
              "send events as application/json (or text/plain from sendBeacon), not " + type));
      return;
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      ctx.fail(
          new ApiException(
              400, "empty_body", "the body is empty; send an event object or an array of events"));
      return;
    }
    List<JsonObject> entries;
    boolean batch;
    try {
      Object decoded = Json.decodeValue(body);
      batch = decoded instanceof JsonArray;
      entries = entries(decoded);
    } catch (DecodeException e) {
      ctx.fail(
          new ApiException(
              400, "malformed_json", "the body is not valid JSON: " + JsonErrors.describe(e)));
      return;
    } catch (InvalidInputException e) {
      ctx.fail(new ApiException(400, "invalid_body", e.getMessage()));
      return;
    }
    validateAndAppend(ctx, entries, batch);
  }

  private static List<JsonObject> entries(Object decoded) {
    if (decoded instanceof JsonObject single) return java.util.Collections.singletonList(single);
    if (decoded instanceof JsonArray array) {
      if (array.isEmpty()) throw new InvalidInputException(null, "the batch is empty");
      if (array.size() > MAX_BATCH)
        throw new InvalidInputException(
            null, "the batch has " + array.size() + " events; at most " + MAX_BATCH);
      List<JsonObject> out = new ArrayList<>(array.size());
      for (Object o : array) out.add(o instanceof JsonObject obj ? obj : null);
      return out;
    }
    throw new InvalidInputException(null, "expected an event object or an array of events");
  }

  private void validateAndAppend(RoutingContext ctx, List<JsonObject> entries, boolean batch) {
    Set<String> known = catalog.known(referencedItems(entries));
    Instant now = clock.instant();
    List<Event> valid = new ArrayList<>(entries.size());
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.get(i);
      if (entry == null) {
        problems.add(new Problem(i, null, "must be an event object"));
        continue;
      }
      try {
        valid.add(EventJson.parse(entry, now, known::contains));
      } catch (InvalidInputException e) {
        for (Problem p : e.problems()) problems.add(batch ? p.at(i) : p);
      }
    }
    metrics.increment(
        "vitrina_events_rejected_total", problems.isEmpty() ? 0 : entries.size() - valid.size());
    if (valid.isEmpty()) {
      reject(ctx, 0, entries.size(), problems);
      return;
    }
    intake
        .append(valid)
        .onSuccess(
            x -> {
              metrics.increment("vitrina_events_accepted_total", valid.size());
              if (problems.isEmpty()) {
                ctx.response()
                    .setStatusCode(202)
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("accepted", valid.size()).encode());
              } else {
                reject(ctx, valid.size(), entries.size() - valid.size(), problems);
              }
            })
        .onFailure(
            e ->
                ctx.fail(
                    e instanceof EventLog.Overloaded
                        ? ApiException.unavailable(
                            "overloaded",
                            "events not accepted, retry shortly: " + e.getMessage(),
                            1)
                        : ApiException.unavailable(
                            "storage_unavailable",
                            "events not accepted: the database did not commit them ("
                                + e.getMessage()
                                + ")",
                            5)));
  }

  /** Every item id the entries mention, so the catalog is asked once for the whole batch. */
  private static Set<String> referencedItems(List<JsonObject> entries) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonObject entry : entries) {
      if (entry == null) continue;
      if (entry.getValue("item_id") instanceof String s) ids.add(s.trim());
      else if (entry.getValue("item_id") instanceof Number n) ids.add(n.toString());
      if (entry.getValue("items") instanceof JsonArray items) {
        for (Object line : items) {
          if (line instanceof JsonObject obj) {
            Object id = obj.getValue("item_id");
            if (id instanceof String s) ids.add(s.trim());
            else if (id instanceof Number n) ids.add(n.toString());
          }
        }
      }
    }
    return ids;
  }

  private static void reject(
      RoutingContext ctx, int accepted, int rejected, List<Problem> problems) {
    String message =
        accepted == 0 && rejected == 1 && !problems.isEmpty()
            ? "event rejected: " + problems.get(0).describe()
            : rejected
                + " of "
                + (accepted + rejected)
                + " events rejected"
                + (accepted > 0 ? "; the other " + accepted + " were accepted" : "");
    JsonObject body =
        new JsonObject()
            .put("error", "invalid_events")
            .put("message", message)
            .put("accepted", accepted)
            .put("rejected", rejected)
            .put("errors", ApiErrors.list(problems));
    ApiErrors.send(ctx, 422, body);
  }
}
