package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.YmlFeedReader;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.metrics.Metrics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Admin catalog endpoints: bulk upsert and merge, list, get, patch, delete, YML feed import. */
final class CatalogHandler {
  /** Feed imports at once; more wait their turn. Each holds its thread while chunks are saved. */
  private static final int FEED_IMPORTERS = 2;

  /** Ids one bulk delete may name. */
  static final int MAX_DELETE = 10_000;

  private final Vertx vertx;
  private final CatalogService catalog;
  private final Metrics metrics;
  private final Clock clock;
  private final long maxBulkBytes;
  // Not the shared worker pool: an import waits there for index upserts that need that same pool.
  private final WorkerExecutor feedImports;

  CatalogHandler(
      Vertx vertx, CatalogService catalog, Metrics metrics, Clock clock, long maxBulkBytes) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBulkBytes = maxBulkBytes;
    this.feedImports = vertx.createSharedWorkerExecutor("vitrina-feed-import", FEED_IMPORTERS);
  }

  /** {@code POST /v1/admin/items?mode=replace|merge&missing=keep|unavailable|delete}. */
  void upsert(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    ItemsBulkLoad.Mode mode = ItemsBulkLoad.Mode.parse(QueryParams.text(params, "mode"));
    FeedSweep.Missing missing = FeedSweep.Missing.parse(QueryParams.text(params, "missing"));
    if (mode == ItemsBulkLoad.Mode.MERGE && missing != FeedSweep.Missing.KEEP)
      throw new InvalidInputException(
          "missing",
          "applies to a full feed (mode=replace); a merge names only the items that changed");
    Instant now = clock.instant();
    ctx.request().pause(); // while the feed begins: the load resumes it, and no byte is lost
    catalog
        .beginFeed(missing)
        .onComplete(
            began -> {
              if (began.failed()) ctx.fail(unavailable(began.cause()));
              else
                new ItemsBulkLoad(catalog, metrics, now, ctx, maxBulkBytes, mode, began.result())
                    .start();
            });
  }

  /** {@code GET /v1/admin/items?after=&limit=&category=&available=}. */
  void list(RoutingContext ctx) {
    MultiMap params = ctx.queryParams();
    List<Problem> problems = new ArrayList<>();
    int limit = limit(QueryParams.text(params, "limit"), problems);
    Boolean inStock = bool("available", QueryParams.text(params, "available"), problems);
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    ItemQuery query =
        new ItemQuery(
            QueryParams.text(params, "after"),
            limit,
            QueryParams.text(params, "category"),
            inStock);
    catalog
        .list(query)
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
                return;
              }
              JsonArray items = new JsonArray();
              for (Item item : result.result().items()) items.add(ItemJson.toJson(item));
              JsonResponse.send(
                  ctx,
                  200,
                  new JsonObject().put("items", items).put("next", result.result().next()));
            });
  }

  private static int limit(String raw, List<Problem> problems) {
    if (raw == null) return ItemQuery.DEFAULT_LIMIT;
    if (raw.matches("\\d{1,4}")) {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= ItemQuery.MAX_LIMIT) return limit;
    }
    problems.add(
        new Problem(
            -1,
            "limit",
            "must be a whole number from 1 to " + ItemQuery.MAX_LIMIT + ", was '" + raw + "'"));
    return ItemQuery.DEFAULT_LIMIT;
  }

  private static Boolean bool(String name, String raw, List<Problem> problems) {
    if (raw == null) return null;
    if (raw.equalsIgnoreCase("true")) return true;
    if (raw.equalsIgnoreCase("false")) return false;
    problems.add(new Problem(-1, name, "must be true or false, was '" + raw + "'"));
    return null;
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    catalog
        .get(id)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (result.result().isEmpty()) ctx.fail(notFound(id));
              else JsonResponse.send(ctx, 200, ItemJson.toJson(result.result().get()));
            });
  }

  /**
   * {@code PATCH /v1/admin/items/{id}}: a JSON merge patch (RFC 7396); answers the item as it now
   * is, or 422 with every problem of the merged item.
   */
  void patch(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String type = ctx.request().getHeader("Content-Type");
    if (type != null
        && !type.startsWith("application/merge-patch+json")
        && !type.startsWith("application/json")) {
      ctx.fail(
          new ApiException(
              415,
              "unsupported_media_type",
              "send the patch as application/merge-patch+json (or application/json), not " + type));
      return;
    }
    JsonObject patch = JsonBody.of(ctx);
    catalog
        .patch(id, patch, clock.instant())
        // Read-your-writes, as after a bulk load: the next request sees the patched item.
        .compose(patched -> catalog.refresh().map(patched))
        .onComplete(
            result -> {
              if (result.failed() && result.cause() instanceof InvalidInputException e)
                ApiErrors.send(
                    ctx,
                    422,
                    new JsonObject()
                        .put("error", "invalid_item")
                        .put("message", "the patched item is not valid, so nothing was changed")
                        .put("errors", ApiErrors.list(e.problems())));
              else if (result.failed()) ctx.fail(result.cause());
              else if (result.result().isEmpty()) ctx.fail(notFound(id));
              else JsonResponse.send(ctx, 200, ItemJson.toJson(result.result().get()));
            });
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    catalog
        .delete(List.of(id))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (result.result().isEmpty()) ctx.fail(notFound(id));
              else ctx.response().setStatusCode(204).end();
            });
  }

  /**
   * {@code POST /v1/admin/items/delete} with {@code {"ids": [...]}}: answers which were deleted and
   * which were not there.
   */
  void deleteMany(RoutingContext ctx) {
    JsonObject body = JsonBody.of(ctx);
    List<Problem> problems = new ArrayList<>();
    List<String> ids = new JsonFields(body, "", problems).ids("ids", MAX_DELETE);
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    catalog
        .delete(ids)
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
                return;
              }
              Set<String> deleted = new HashSet<>(result.result());
              Set<String> notFound = new LinkedHashSet<>();
              for (String id : ids) if (!deleted.contains(id)) notFound.add(id);
              JsonResponse.send(
                  ctx,
                  200,
                  new JsonObject()
                      .put("deleted", new JsonArray(result.result()))
                      .put("not_found", new JsonArray(List.copyOf(notFound))));
            });
  }

  private static ApiException unavailable(Throwable cause) {
    return ApiException.unavailable(
        "storage_unavailable", "the catalog cannot be written now: " + cause.getMessage(), 5);
  }

  private static ApiException notFound(String id) {
    return new ApiException(404, "item_not_found", "no item with id '" + id + "'");
  }

  /**
   * {@code POST /v1/admin/feeds/yml?missing=}: the feed is streamed to a temporary file (no size in
   * memory), then read on a worker thread and upserted in chunks; once read to its end, the items
   * it did not name are swept when asked.
   */
  void importYml(RoutingContext ctx) {
    FeedSweep.Missing missing =
        FeedSweep.Missing.parse(QueryParams.text(ctx.queryParams(), "missing"));
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.contains("xml") && !type.startsWith("application/octet-stream")) {
      ctx.fail(
          new ApiException(
              415, "unsupported_media_type", "send the YML feed as application/xml, not " + type));
      return;
    }
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBulkBytes) {
      ctx.fail(
          new ApiException(
              413, "body_too_large", "the feed is larger than " + maxBulkBytes + " bytes"));
      return;
    }
    ctx.request()
        .pause(); // until the file is open: save() resumes it, and no byte is lost meanwhile
    var fs = vertx.fileSystem();
    String[] file = {null};
    fs.createTempFile("vitrina-feed-", ".xml")
        .compose(
            path -> {
              file[0] = path;
              return fs.open(path, new OpenOptions().setWrite(true).setTruncateExisting(true));
            })
        .compose(out -> save(ctx.request(), out))
        .compose(x -> catalog.beginFeed(missing))
        .compose(
            sweep ->
                feedImports
                    .executeBlocking(() -> importFeed(Path.of(file[0]), sweep), false)
                    .compose(read -> sweepIfComplete(read, sweep)))
        .compose(read -> catalog.refresh().map(read))
        .onComplete(
            result -> {
              if (file[0] != null) fs.delete(file[0]);
              if (result.succeeded() && result.result().tally().upserted() == 0) {
                // Every offer skipped (or none at all): a broken export, not a catalog of nothing.
                ApiErrors.send(
                    ctx,
                    422,
                    result
                        .result()
                        .toJson()
                        .put("error", "no_usable_offers")
                        .put(
                            "message",
                            result.result().tally().skipped() == 0
                                ? "the feed has no offers; nothing was imported"
                                : "every offer of the feed was skipped (see errors); nothing was"
                                    + " imported"));
              } else if (result.succeeded()) {
                JsonResponse.send(ctx, 200, result.result().toJson());
              } else if (result.cause() instanceof FeedTooLargeException) {
                ctx.response().putHeader("Connection", "close"); // the rest of the body is not read
                ctx.fail(
                    new ApiException(
                        413,
                        "body_too_large",
                        "the feed is larger than "
                            + maxBulkBytes
                            + " bytes; nothing was imported"));
              } else if (result.cause() instanceof YmlFeedReader.FeedFormatException e) {
                ctx.fail(
                    new ApiException(
                        400,
                        "malformed_feed",
                        "the feed is not valid YML at line "
                            + e.line()
                            + ", column "
                            + e.column()
                            + ": "
                            + e.getMessage()
                            + (missing == FeedSweep.Missing.KEEP
                                ? ""
                                : "; the feed was not read to its end, so no item was marked"
                                    + " missing")));
              } else {
                ctx.fail(
                    ApiException.unavailable(
                        "storage_unavailable",
                        "the feed was not fully imported: " + result.cause().getMessage(),
                        5));
              }
            });
  }

  /**
   * Copies the body into {@code out} with back-pressure, failing with {@link FeedTooLargeException}
   * as soon as it passes the limit (a chunked body has no Content-Length to check up front).
   */
  private Future<Void> save(HttpServerRequest request, AsyncFile out) {
    Promise<Void> saved = Promise.promise();
    long[] bytes = {0};
    request.handler(
        buffer -> {
          if (saved.future().isComplete()) return;
          bytes[0] += buffer.length();
          if (bytes[0] > maxBulkBytes) {
            saved.tryFail(new FeedTooLargeException());
            return;
          }
          out.write(buffer).onFailure(saved::tryFail); // a full disk must not import half a feed
          if (out.writeQueueFull()) {
            request.pause();
            out.drainHandler(x -> request.resume());
          }
        });
    request.exceptionHandler(saved::tryFail);
    request.endHandler(x -> saved.tryComplete());
    request.resume();
    return saved
        .future()
        .transform(
            result ->
                out.close()
                    .transform(
                        closed ->
                            result.succeeded()
                                ? (closed.succeeded()
                                    ? Future.<Void>succeededFuture()
                                    : Future.<Void>failedFuture(closed.cause()))
                                : Future.<Void>failedFuture(result.cause())));
  }

  private static final class FeedTooLargeException extends RuntimeException {
    FeedTooLargeException() {
      super("feed too large", null, false, false);
    }
  }

  /** What reading a feed did: the tally, and the categories it declared. */
  private record FeedRead(ImportTally tally, int categories) {
    JsonObject toJson() {
      return tally.toJson().put("categories", categories);
    }
  }

  /** Sweeps the items a feed read to its end did not name, unless it had no usable offer. */
  private Future<FeedRead> sweepIfComplete(FeedRead read, FeedSweep sweep) {
    if (sweep.missing() == FeedSweep.Missing.KEEP || read.tally().upserted() == 0)
      return Future.succeededFuture(read);
    return catalog
        .sweep(sweep)
        .map(
            n -> {
              read.tally().swept(sweep.missing(), n);
              return read;
            });
  }

  /**
   * On a worker thread: reads the feed and upserts a chunk at a time, waiting for each. An offer
   * without a date of its own keeps the one its item got when first imported.
   */
  private FeedRead importFeed(Path file, FeedSweep sweep) throws java.io.IOException {
    List<ItemChange> chunk = new ArrayList<>(ItemsBulkLoad.CHUNK);
    ImportTally tally = new ImportTally();
    Instant now = clock.instant();
    YmlFeedReader.Stats stats;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      stats =
          YmlFeedReader.read(
              in,
              now,
              read -> {
                Item item = read.item();
                sweep.named(item.id());
                // Feed items pass the same limits as JSON items, so every stored row can be read
                // back.
                JsonObject json = ItemJson.toJson(item);
                if (!read.dated()) json.remove("created_at");
                try {
                  chunk.add(new ItemChange.Whole(-1, ItemJson.parse(json, now), read.dated()));
                } catch (InvalidInputException e) {
                  tally.skip(
                      new JsonObject().put("offer_id", item.id()).put("message", e.getMessage()));
                  return;
                }
                if (chunk.size() >= ItemsBulkLoad.CHUNK) flush(chunk, now, tally);
              },
              p -> {
                sweep.named(p.offerId());
                tally.skip(
                    new JsonObject()
                        .put("offer_id", p.offerId())
                        .put("offer_index", p.offerIndex())
                        .put("line", p.line())
                        .put("message", p.message()));
              });
    } finally {
      flush(chunk, now, tally); // what was read before a format error is kept
      metrics.increment("vitrina_items_upserted_total", tally.written());
    }
    return new FeedRead(tally, stats.categories());
  }

  private void flush(List<ItemChange> chunk, Instant now, ImportTally tally) {
    if (chunk.isEmpty()) return;
    List<ItemChange> batch = List.copyOf(chunk);
    chunk.clear();
    tally.add(catalog.write(batch, now).toCompletionStage().toCompletableFuture().join());
  }
}
