package io.vitrina.server.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonErrors;
import io.vitrina.server.input.Problem;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/events}: one event (an object) or a batch (an array), as JSON, or as text/plain
 * for {@code navigator.sendBeacon}. Valid entries are committed even when others are rejected; the
 * answer says which were rejected, by index, and why, and how many were duplicates (accepted, but
 * counted once). An attribution token this deployment did not sign is dropped from its event: the
 * event counts, the attribution does not.
 */
final class EventsHandler {
  static final int MAX_BATCH = 5_000;
  private final EventIntake intake;
  private final TokenSigner tokens;
  private final Metrics metrics;
  private final Clock clock;

  EventsHandler(EventIntake intake, TokenSigner tokens, Metrics metrics, Clock clock) {
    this.intake = intake;
    this.tokens = tokens;
    this.metrics = metrics;
    this.clock = clock;
    metrics.describe("vitrina_events_accepted_total", "events accepted, by name");
    metrics.describe(
        "vitrina_events_rejected_total",
        "events rejected, by the field of their first problem (event: not an event object)");
    metrics.describe(
        "vitrina_events_duplicates_total",
        "events accepted but already stored (a purchase's transaction id seen before), by name");
    metrics.describe(
        "vitrina_events_dropped_tokens_total",
        "attribution tokens dropped from their events, by reason: forged (a tag this deployment did"
            + " not sign), unsigned (the format before signing, or no tag), malformed");
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
    Instant now = clock.instant();
    List<Event> valid = new ArrayList<>(entries.size());
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.get(i);
      if (entry == null) {
        reject(new Problem(i, null, "must be an event object"), problems);
        continue;
      }
      try {
        valid.add(withGenuineToken(EventJson.parse(entry, now)));
      } catch (InvalidInputException e) {
        metrics.increment(
            "vitrina_events_rejected_total", "reason", EventJson.reason(e.problems().get(0)), 1);
        for (Problem p : e.problems()) problems.add(batch ? p.at(i) : p);
      }
    }
    if (valid.isEmpty()) {
      answerRejected(ctx, 0, 0, entries.size(), problems);
      return;
    }
    intake
        .append(valid)
        .onSuccess(
            appended -> {
              countByName("vitrina_events_accepted_total", valid);
              countByName("vitrina_events_duplicates_total", appended.duplicates());
              int duplicates = appended.duplicates().size();
              if (problems.isEmpty()) {
                JsonResponse.send(
                    ctx,
                    202,
                    new JsonObject().put("accepted", valid.size()).put("duplicates", duplicates));
              } else {
                answerRejected(
                    ctx, valid.size(), duplicates, entries.size() - valid.size(), problems);
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

  /** One addition per name rather than per event: the route takes tens of thousands a second. */
  private void countByName(String counter, List<Event> events) {
    if (events.isEmpty()) return;
    Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
    for (Event e : events) byType.merge(e.type(), 1, Integer::sum);
    byType.forEach((type, n) -> metrics.increment(counter, "name", type.wireName(), n));
  }

  private void reject(Problem problem, List<Problem> problems) {
    metrics.increment("vitrina_events_rejected_total", "reason", EventJson.reason(problem), 1);
    problems.add(problem);
  }

  /** The event, or the event without its token when this deployment did not sign the token. */
  private Event withGenuineToken(Event event) {
    String token = event.attributionToken();
    if (token == null) return event;
    TokenSigner.Checked checked = tokens.check(token);
    if (checked.genuine()) return event;
    metrics.increment(
        "vitrina_events_dropped_tokens_total", "reason", checked.refusal().wireName(), 1);
    return event.withAttributionToken(null);
  }

  private static void answerRejected(
      RoutingContext ctx, int accepted, int duplicates, int rejected, List<Problem> problems) {
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
            .put("duplicates", duplicates)
            .put("rejected", rejected)
            .put("errors", ApiErrors.list(problems));
    ApiErrors.send(ctx, 422, body);
  }
}
