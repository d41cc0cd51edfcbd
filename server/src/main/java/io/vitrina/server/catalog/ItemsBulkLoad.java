package io.vitrina.server.catalog;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.catalog.Item;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.Problem;
import io.vitrina.server.metrics.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed bulk upsert: reads a JSON array (or one object) or NDJSON from the request as it
 * arrives, validates each item, and writes valid ones in chunks — to PostgreSQL, then the index —
 * pausing the request while a chunk is written. Tens of thousands of items never sit in memory at
 * once, and a slow database slows the client instead of filling the heap.
 *
 * <p>Invalid items are reported by position and skipped; a body that stops being JSON midway ends
 * the load with 400, keeping every valid item before that point.
 */
final class ItemsBulkLoad {
  static final int CHUNK = 1_000;

  /** Largest item, as an NDJSON line or inside an array: the parser holds one item in memory. */
  static final int MAX_LINE = 1 << 20;

  private final CatalogService catalog;
  private final Metrics metrics;
  private final RoutingContext ctx;
  private final HttpServerRequest request;
  private final long maxBytes;
  private final Instant now;
  private final List<Problem> problems = new ArrayList<>();
  private List<Item> chunk = new ArrayList<>();
  private int position;
  private int upserted;
  private long bytes;

  /** Bytes fed to the array parser since it last completed an item (to within one buffer). */
  private long bytesSinceItem;

  private boolean writing;
  private boolean ended;
  private boolean responded;
  private String fatal;
  private int fatalStatus;

  ItemsBulkLoad(
      CatalogService catalog, Metrics metrics, Instant now, RoutingContext ctx, long maxBytes) {
    this.catalog = catalog;
    this.metrics = metrics;
    this.ctx = ctx;
    this.request = ctx.request();
    this.maxBytes = maxBytes;
    this.now = now;
  }

  void start() {
    String type = request.getHeader("Content-Type");
    boolean ndjson =
        type != null
            && (type.startsWith("application/x-ndjson")
                || type.startsWith("application/jsonl")
                || type.startsWith("application/ndjson"));
    if (type != null && !ndjson && !type.startsWith("application/json")) {
      ctx.fail(
          new ApiException(
              415,
              "unsupported_media_type",
              "send items as application/json (an array) or application/x-ndjson (one item per line), not "
                  + type));
      return;
    }
    if (ndjson) readNdjson();
    else readJsonArray();
    request.resume(); // the router holds requests paused until a handler takes the body
  }

  private void readJsonArray() {
    JsonParser parser = JsonParser.newParser().objectValueMode();
    int[] depth = {0};
    parser.handler(
        event -> {
          if (event.type() == JsonEventType.START_ARRAY) {
            if (depth[0]++ > 0)
              stop(400, "items must be objects; item " + position + " is an array");
          } else if (event.type() == JsonEventType.END_ARRAY) {
            depth[0]--;
          } else if (event.type() == JsonEventType.VALUE) {
            bytesSinceItem = 0;
            Object value = event.value();
            if (value instanceof JsonObject obj) accept(obj);
            else
              problems.add(new Problem(position++, null, "must be an item object, was " + value));
          }
        });
    parser.exceptionHandler(
        e ->
            stop(
                400,
                "the body stopped being valid JSON after "
                    + position
                    + " items: "
                    + io.vitrina.server.input.JsonErrors.describe(e)));
    request.handler(
        buffer -> {
          if (fatal != null || !count(buffer)) return;
          bytesSinceItem += buffer.length();
          parser.handle(buffer);
          if (fatal == null && bytesSinceItem > MAX_LINE)
            stop(400, "item " + position + " is larger than " + MAX_LINE + " bytes");
        });
    request.endHandler(
        x -> {
          if (fatal == null) parser.end();
          finish();
        });
  }

  private void readNdjson() {
    RecordParser lines = RecordParser.newDelimited("\n").maxRecordSize(MAX_LINE);
    lines.handler(
        line -> {
          String text = line.toString().trim();
          if (text.isEmpty()) return;
          try {
            Object value = io.vertx.core.json.Json.decodeValue(text);
            if (value instanceof JsonObject obj) accept(obj);
            else problems.add(new Problem(position++, null, "line must be an item object"));
          } catch (DecodeException e) {
            problems.add(
                new Problem(
                    position++,
                    null,
                    "line is not valid JSON: " + io.vitrina.server.input.JsonErrors.describe(e)));
          }
        });
    lines.exceptionHandler(
        e -> stop(400, "a line is longer than " + MAX_LINE + " bytes (item " + position + ")"));
    request.handler(
        buffer -> {
          if (fatal == null && count(buffer)) lines.handle(buffer);
        });
    request.endHandler(
        x -> {
          if (fatal == null) lines.handle(Buffer.buffer("\n")); // a last line without its newline
          finish();
        });
  }

  private boolean count(Buffer buffer) {
    bytes += buffer.length();
    if (bytes > maxBytes) {
      stop(
          413,
          "the body is larger than "
              + maxBytes
              + " bytes; split the catalog into several requests");
      return false;
    }
    return true;
  }

  private void accept(JsonObject json) {
    if (fatal != null) return; // the rest of a buffer parsed after a fatal problem is ignored
    int index = position++;
    try {
      chunk.add(ItemJson.parse(json, now));
    } catch (InvalidInputException e) {
      for (Problem p : e.problems()) problems.add(p.at(index));
      return;
    }
    if (chunk.size() >= CHUNK) {
      if (writing) request.pause();
      else write();
    }
  }

  private void write() {
    List<Item> batch = chunk;
    chunk = new ArrayList<>();
    writing = true;
    request.pause();
    catalog
        .upsert(batch)
        .onComplete(
            result -> {
              writing = false;
              if (result.failed()) {
                chunk.clear();
                stop(503, "the database did not take the items: " + result.cause().getMessage());
                return;
              }
              upserted += batch.size();
              if (ended) {
                finish();
              } else {
                request.resume();
                if (chunk.size() >= CHUNK) write();
              }
            });
  }

  /** Ends the load at the first fatal problem; what was valid before it is still written. */
  private void stop(int status, String message) {
    if (fatal == null) {
      fatal = message;
      fatalStatus = status;
    }
    finish();
  }

  /** No more input will be taken: write what is left, then answer. */
  private void finish() {
    ended = true;
    if (writing) return; // the write under way calls back here
    if (chunk.isEmpty() || fatalStatus == 503) respond();
    else write();
  }

  private void respond() {
    if (responded) return;
    responded = true;
    if (upserted == 0) answer();
    else catalog.refresh().onComplete(x -> answer());
  }

  private void answer() {
    metrics.increment("vitrina_items_upserted_total", upserted);
    JsonObject body = new JsonObject().put("upserted", upserted).put("rejected", rejectedCount());
    if (!problems.isEmpty()) body.put("errors", ApiErrors.list(problems));
    if (fatal != null) {
      // Close after answering: the rest of the body was not read.
      ctx.response().putHeader("Connection", "close");
      ApiErrors.send(
          ctx,
          fatalStatus,
          body.put(
                  "error",
                  fatalStatus == 413
                      ? "body_too_large"
                      : fatalStatus == 503 ? "storage_unavailable" : "malformed_body")
              .put("message", fatal + "; " + upserted + " items before that point were saved"));
    } else if (!problems.isEmpty()) {
      ApiErrors.send(
          ctx,
          422,
          body.put("error", "invalid_items")
              .put(
                  "message",
                  rejectedCount() + " items rejected; the other " + upserted + " were saved"));
    } else {
      ctx.response()
          .setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end(body.encode());
    }
  }

  private long rejectedCount() {
    return problems.stream().mapToInt(Problem::index).distinct().count();
  }
}
