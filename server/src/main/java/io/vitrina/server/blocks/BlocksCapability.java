package io.vitrina.server.blocks;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.block.Block;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.recommend.RecommendationQuery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named blocks: the admin API that manages them (validated when saved), the storefront endpoint
 * that answers them, and a reload from PostgreSQL on a timer, so a block saved through another node
 * serves here within {@code reloadEvery}.
 */
public final class BlocksCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(BlocksCapability.class);

  /** How soon a block saved through another node serves here. */
  public static final Duration RELOAD_EVERY = Duration.ofSeconds(30);

  /** A block definition is small; this leaves room for long pin and blacklist lists. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  private final BlockStore store;
  private final Recommender recommender;
  private final TokenSigner tokens;
  private final Duration reloadEvery;

  /** Replaced whole on every load and write; read by every event loop. */
  private volatile Map<String, Block> blocks = Map.of();

  public BlocksCapability(
      BlockStore store, Recommender recommender, TokenSigner tokens, Duration reloadEvery) {
    this.store = store;
    this.recommender = recommender;
    this.tokens = tokens;
    this.reloadEvery = reloadEvery;
  }

  @Override
  public Future<Void> start() {
    return reload().onSuccess(n -> LOG.info("Blocks loaded: {}", n)).mapEmpty();
  }

  private Future<Integer> reload() {
    return store
        .all()
        .map(
            all -> {
              Map<String, Block> next = new TreeMap<>();
              for (Block block : all) next.put(block.name(), block);
              blocks = Map.copyOf(next);
              return next.size();
            });
  }

  @Override
  public List<Job> jobs() {
    return List.of(Job.onEveryNode("blocks reload", reloadEvery, this::reload));
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.storefront(HttpMethod.GET, "/blocks/:name").handler(this::answer);
    routes.admin(HttpMethod.GET, "/blocks").handler(this::list);
    routes.admin(HttpMethod.GET, "/blocks/:name").handler(this::get);
    routes.adminWithBody(HttpMethod.PUT, "/blocks/:name", MAX_BODY_BYTES).handler(this::put);
    routes.admin(HttpMethod.DELETE, "/blocks/:name").handler(this::delete);
  }

  /** {@code GET /v1/blocks/{name}}: the block for the page's context, like an algorithm's. */
  private void answer(RoutingContext ctx) {
    Block block = find(ctx.pathParam("name"));
    QueryParams params = QueryParams.of(ctx);
    RecommendationRequest request =
        RecommendationQuery.parse(
            block.algorithm(), block.rules(), block.limit(), block.fallback(), params);
    params.finish();
    RecommendationQuery.send(ctx, recommender.recommend(request), block.name(), tokens);
  }

  private void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    blocks.values().forEach(block -> all.add(BlockJson.toJson(block)));
    JsonResponse.send(ctx, 200, new JsonObject().put("blocks", all));
  }

  private void get(RoutingContext ctx) {
    JsonResponse.send(ctx, 200, BlockJson.toJson(find(ctx.pathParam("name"))));
  }

  /**
   * {@code PUT /v1/admin/blocks/{name}}: 201 when new, 200 when replaced; 400 lists every fault.
   */
  private void put(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Block block = BlockJson.parse(name, JsonBody.of(ctx), recommender.algorithms());
    store
        .put(block)
        .onSuccess(created -> remember(block))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else JsonResponse.send(ctx, result.result() ? 201 : 200, BlockJson.toJson(block));
            });
  }

  private void delete(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    store
        .delete(name)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (!result.result()) ctx.fail(notFound(name));
              else {
                forget(name);
                ctx.response().setStatusCode(204).end();
              }
            });
  }

  private synchronized void remember(Block block) {
    Map<String, Block> next = new TreeMap<>(blocks);
    next.put(block.name(), block);
    blocks = Map.copyOf(next);
  }

  private synchronized void forget(String name) {
    Map<String, Block> next = new TreeMap<>(blocks);
    next.remove(name);
    blocks = Map.copyOf(next);
  }

  private Block find(String name) {
    Block block = blocks.get(name);
    if (block == null) throw notFound(name);
    return block;
  }

  private static ApiException notFound(String name) {
    return new ApiException(404, "block_not_found", "no block named '" + name + "'");
  }
}
