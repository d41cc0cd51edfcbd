package io.vitrina.server.catalog;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.catalog.Item;
import io.vitrina.engine.catalog.YmlFeedReader;
import io.vitrina.server.http.ApiErrors;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.metrics.Metrics;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Admin catalog endpoints: bulk upsert, get, delete, YML feed import. */
final class CatalogHandler {
  /** Feed imports at once; more wait their turn. Each holds its thread while chunks are saved. */
  private static final int FEED_IMPORTERS = 2;

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

  void upsert(RoutingContext ctx) {
    new ItemsBulkLoad(catalog, metrics, clock.instant(), ctx, maxBulkBytes).start();
  }

  void get(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    catalog
        .get(id)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (result.result().isEmpty()) ctx.fail(notFound(id));
              else
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(ItemJson.toJson(result.result().get()).encode());
            });
  }

  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    catalog
        .delete(id)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (!result.result()) ctx.fail(notFound(id));
              else ctx.response().setStatusCode(204).end();
            });
  }

  private static ApiException notFound(String id) {
    return new ApiException(404, "item_not_found", "no item with id '" + id + "'");
  }

  /**
   * {@code POST /v1/admin/feeds/yml}: the feed is streamed to a temporary file (no size in memory),
   * then read on a worker thread and upserted in chunks.
   */
  void importYml(RoutingContext ctx) {
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
        .compose(x -> feedImports.executeBlocking(() -> importFeed(Path.of(file[0])), false))
        .compose(summary -> catalog.refresh().map(summary))
        .onComplete(
            result -> {
              if (file[0] != null) fs.delete(file[0]);
              if (result.succeeded())
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(result.result().encode());
              else if (result.cause() instanceof FeedTooLargeException) {
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
                            + e.getMessage()));
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

  /** On a worker thread: reads the feed and upserts a chunk at a time, waiting for each. */
  private JsonObject importFeed(Path file) throws java.io.IOException {
    List<Item> chunk = new ArrayList<>(ItemsBulkLoad.CHUNK);
    int[] upserted = {0};
    int[] rejected = {0};
    java.time.Instant now = clock.instant();
    var errors = new io.vertx.core.json.JsonArray();
    YmlFeedReader.Stats stats;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      stats =
          YmlFeedReader.read(
              in,
              item -> {
                // Feed items pass the same limits as JSON items, so every stored row can be read
                // back.
                try {
                  chunk.add(ItemJson.parse(ItemJson.toJson(item), now));
                } catch (InvalidInputException e) {
                  rejected[0]++;
                  if (errors.size() < ApiErrors.MAX_LISTED)
                    errors.add(
                        new JsonObject().put("offer_id", item.id()).put("message", e.getMessage()));
                  return;
                }
                if (chunk.size() >= ItemsBulkLoad.CHUNK) upserted[0] += flush(chunk);
              },
              p -> {
                if (errors.size() < ApiErrors.MAX_LISTED) {
                  errors.add(
                      new JsonObject()
                          .put("offer_id", p.offerId())
                          .put("offer_index", p.offerIndex())
                          .put("line", p.line())
                          .put("message", p.message()));
                }
              });
    } finally {
      upserted[0] += flush(chunk); // what was read before a format error is kept
      metrics.increment("vitrina_items_upserted_total", upserted[0]);
    }
    return new JsonObject()
        .put("upserted", upserted[0])
        .put("categories", stats.categories())
        .put("skipped", stats.offersSkipped() + rejected[0])
        .put("errors", errors);
  }

  private int flush(List<Item> chunk) {
    if (chunk.isEmpty()) return 0;
    List<Item> batch = List.copyOf(chunk);
    chunk.clear();
    catalog.upsert(batch).toCompletionStage().toCompletableFuture().join();
    return batch.size();
  }
}
