package io.vitrina.server.catalog;

import io.vertx.core.Future;
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
import io.vitrina.server.http.JsonResponse;
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
 * <p>Each line is a whole item ({@link Mode#REPLACE}) or a merge patch of a stored one ({@link
 * Mode#MERGE}, for delta feeds). Invalid lines are reported by position and skipped; a body that
 * stops being JSON midway ends the load with 400, keeping every valid item before that point. A
 * complete load (read to its end) then sweeps the items it did not name when its {@link FeedSweep}
 * asks for it; a failed one never does, since it did not see the whole feed.
 */
final class ItemsBulkLoad {
  static final int CHUNK = 1_000;

  /** What each line of the body is: {@code ?mode=}. */
  enum Mode {
    /** A whole item (the default). */
    REPLACE,
    /** A JSON merge patch of the stored item with that id (a whole item if none is stored). */
    MERGE;

    static Mode parse(String value) {
      if (value == null) return REPLACE;
      for (Mode m : values()) if (m.name().equalsIgnoreCase(value)) return m;
      throw new InvalidInputException("mode", "must be replace or merge, was '" + value + "'");
    }
  }

  /** Largest item, as an NDJSON line or inside an array: the parser holds one item in memory. */
  static final int MAX_LINE = 1 << 20;

  private final CatalogService catalog;
  private final Metrics metrics;
  private final RoutingContext ctx;
  private final HttpServerRequest request;
  private final long maxBytes;
  private final Instant now;
  private final Mode mode;
  private final FeedSweep sweep;
  private final ImportTally tally = new ImportTally();
  private List<ItemChange> chunk = new ArrayList<>();
  private int position;
  private long bytes;

  /** Bytes fed to the array parser since it last completed an item (to within one buffer). */
  private long bytesSinceItem;

  private boolean writing;
  private boolean ended;
  private boolean responded;
  private String fatal;
  private int fatalStatus;

  ItemsBulkLoad(
      CatalogService catalog,
      Metrics metrics,
      Instant now,
      RoutingContext ctx,
      long maxBytes,
      Mode mode,
      FeedSweep sweep) {
    this.catalog = catalog;
    this.metrics = metrics;
    this.ctx = ctx;
    this.request = ctx.request();
    this.maxBytes = maxBytes;
    this.now = now;
    this.mode = mode;
    this.sweep = sweep;
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
            else notAnObject("must be an item object, was " + value);
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
            else notAnObject("line must be an item object");
          } catch (DecodeException e) {
            notAnObject(
                "line is not valid JSON: " + io.vitrina.server.input.JsonErrors.describe(e));
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

  private void notAnObject(String message) {
    tally.skip(List.of(new Problem(position++, null, message)));
  }

  private void accept(JsonObject json) {
    if (fatal != null) return; // the rest of a buffer parsed after a fatal problem is ignored
    int index = position++;
    try {
      chunk.add(change(index, json));
    } catch (InvalidInputException e) {
      tally.skip(e.problems().stream().map(p -> p.at(index)).toList());
      return;
    }
    if (chunk.size() >= CHUNK) {
      if (writing) request.pause();
      else write();
    }
  }

  /** The line as a change of the catalog; a line with a readable id names its item in a sweep. */
  private ItemChange change(int index, JsonObject json) {
    if (mode == Mode.MERGE) return new ItemChange.Patch(index, ItemJson.requireId(json), json);
    try {
      Item item = ItemJson.parse(json, now);
      sweep.named(item.id());
      return new ItemChange.Whole(index, item, ItemJson.dated(json));
    } catch (InvalidInputException e) {
      sweep.named(ItemJson.idOf(json)); // a bad line is not a missing item
      throw e;
    }
  }

  private void write() {
    List<ItemChange> batch = chunk;
    chunk = new ArrayList<>();
    writing = true;
    request.pause();
    catalog
        .write(batch, now)
        .onComplete(
            result -> {
              writing = false;
              if (result.failed()) {
                chunk.clear();
                stop(503, "the database did not take the items: " + result.cause().getMessage());
                return;
              }
              tally.add(result.result());
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

  /** Once every line is written: sweeps what the feed did not name, when asked and complete. */
  private void respond() {
    if (responded) return;
    responded = true;
    boolean sweeps = fatal == null && sweep.missing() != FeedSweep.Missing.KEEP;
    if (sweeps && tally.upserted() == 0) {
      // An empty or wholly invalid export must not take the whole catalog off the shelves.
      if (tally.skipped() > 0)
        answer(422, "invalid_items", "every item was rejected; no item was marked missing either");
      else answer(422, "empty_feed", "the feed has no items; no item was marked missing");
      return;
    }
    Future<Void> swept =
        sweeps
            ? catalog.sweep(sweep).onSuccess(n -> tally.swept(sweep.missing(), n)).mapEmpty()
            : Future.succeededFuture();
    swept
        .compose(
            x -> tally.written() == 0 && !sweeps ? Future.succeededFuture() : catalog.refresh())
        .onComplete(
            done -> {
              if (done.failed())
                answer(
                    503,
                    "storage_unavailable",
                    "the items were saved, but marking the missing ones failed: "
                        + done.cause().getMessage());
              else if (fatal != null) answerFatal();
              else if (tally.skipped() > 0)
                answer(
                    422,
                    "invalid_items",
                    tally.skipped()
                        + " items rejected; the other "
                        + tally.upserted()
                        + " were saved");
              else answer(200, null, null);
            });
  }

  private void answerFatal() {
    // Close after answering: the rest of the body was not read.
    ctx.response().putHeader("Connection", "close");
    String code =
        fatalStatus == 413
            ? "body_too_large"
            : fatalStatus == 503 ? "storage_unavailable" : "malformed_body";
    String missed =
        sweep.missing() == FeedSweep.Missing.KEEP
            ? ""
            : "; the load is incomplete, so no item was marked missing";
    answer(
        fatalStatus,
        code,
        fatal + "; " + tally.upserted() + " items before that point were saved" + missed);
  }

  private void answer(int status, String error, String message) {
    metrics.increment("vitrina_items_upserted_total", tally.written());
    // "rejected" is what 0.1 called "skipped"; kept for the clients written against it.
    JsonObject body = tally.toJson().put("rejected", tally.skipped());
    if (error == null) JsonResponse.send(ctx, status, body);
    else ApiErrors.send(ctx, status, body.put("error", error).put("message", message));
  }
}
