package io.vitrina.server.blocks;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.algorithm.Shopper;
import io.vitrina.engine.block.Block;
import io.vitrina.engine.experiment.Arm;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.server.cluster.LiveConfiguration;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.recommend.Answers;
import io.vitrina.server.recommend.Personalization;
import io.vitrina.server.recommend.RecommendationQuery;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named blocks: the admin API that manages them (validated when saved), the storefront endpoint
 * that answers them, and the blocks live on every node: a save or deletion through any node serves
 * on all once it commits ({@link LiveConfiguration}). A block with an experiment running on it
 * answers each shopper with their arm: a holdout's empty list, the block as saved, or the arm's
 * configuration of it.
 */
public final class BlocksCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(BlocksCapability.class);

  /** A block definition is small; this leaves room for long pin and blacklist lists. */
  static final long MAX_BODY_BYTES = 256 * 1024;

  private final BlockStore store;
  private final LiveConfiguration<Map<String, Block>> blocks;
  private final Recommender recommender;
  private final Answers answers;
  private final Experiments experiments;
  private final Personalization personalization;

  /**
   * @param blocks the blocks {@code store} holds, live ({@link BlockStore#CONFIGURATION})
   * @param experiments the experiments running on blocks
   * @param personalization whom nothing personalizes: a refused consent is answered as the global
   *     holdout is, in no experiment
   */
  public BlocksCapability(
      BlockStore store,
      LiveConfiguration<Map<String, Block>> blocks,
      Recommender recommender,
      Answers answers,
      Experiments experiments,
      Personalization personalization) {
    this.store = store;
    this.blocks = blocks;
    this.recommender = recommender;
    this.answers = answers;
    this.experiments = experiments;
    this.personalization = personalization;
  }

  @Override
  public Future<Void> start() {
    return blocks.reload().onSuccess(x -> LOG.info("Blocks loaded: {}", blocks.current().size()));
  }

  @Override
  public List<Job> jobs() {
    return List.of(blocks.poll());
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.storefront(HttpMethod.GET, "/blocks/:name").handler(this::answer);
    routes.admin(HttpMethod.GET, "/blocks").handler(this::list);
    routes.admin(HttpMethod.GET, "/blocks/:name").handler(this::get);
    routes.adminWithBody(HttpMethod.PUT, "/blocks/:name", MAX_BODY_BYTES).handler(this::put);
    routes.admin(HttpMethod.DELETE, "/blocks/:name").handler(this::delete);
  }

  /**
   * {@code GET /v1/blocks/{name}}: the block for the page's context, like an algorithm's; in an
   * experiment, as the shopper's arm has it.
   */
  private void answer(RoutingContext ctx) {
    Block saved = find(ctx.pathParam("name"));
    QueryParams params = QueryParams.of(ctx);
    RecommendationRequest request =
        RecommendationQuery.parse(
            saved.algorithm(), saved.rules(), saved.limit(), saved.fallback(), params);
    params.finish();
    if (personalization.refused(request.shopper())) {
      // No consent to personalize: the block as an anonymous shopper gets it, in no experiment.
      answers.sendBlock(ctx, GlobalHoldout.answer(recommender, request), saved.name());
      return;
    }
    Arm global = GlobalHoldout.armOf(experiments, request.shopper()).orElse(null);
    if (global != null && global.holdout()) {
      // Held out of everything: the block as an anonymous shopper gets it, in no block experiment.
      answers.sendBlock(
          ctx,
          GlobalHoldout.answer(recommender, request),
          saved.name(),
          GlobalHoldout.ID,
          global.key());
      return;
    }
    Experiment experiment = experiments.runningOn(Placement.block(saved.name())).orElse(null);
    Arm arm = experiment == null ? null : armOf(experiment, request.shopper()).orElse(null);
    if (arm == null) {
      Recommendations result = recommender.recommend(request);
      if (global == null) answers.sendBlock(ctx, result, saved.name());
      else answers.sendBlock(ctx, result, saved.name(), GlobalHoldout.ID, global.key());
      return;
    }
    String id = experiment.id();
    switch (arm.treatment()) {
      case Arm.Holdout h -> answers.sendHoldout(ctx, saved.name(), id, arm.key());
      case Arm.AsSaved s ->
          answers.sendBlock(ctx, recommender.recommend(request), saved.name(), id, arm.key());
      case Arm.Configured c -> {
        Block block = c.block();
        RecommendationRequest configured =
            RecommendationQuery.parse(
                block.algorithm(),
                block.rules(),
                block.limit(),
                block.fallback(),
                QueryParams.of(ctx));
        answers.sendBlock(ctx, recommender.recommend(configured), saved.name(), id, arm.key());
      }
    }
    Shopper shopper = request.shopper();
    experiments.exposed(
        new Experiments.Exposure(experiment, arm, shopper.visitorId(), shopper.customerId()));
  }

  private static java.util.Optional<Arm> armOf(Experiment experiment, Shopper shopper) {
    return Assignment.arm(
        experiment, Assignment.shopperId(shopper.visitorId(), shopper.customerId()));
  }

  private void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    blocks.current().values().forEach(block -> all.add(BlockJson.toJson(block)));
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
        .compose(blocks::servedAfterChange)
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
        .compose(
            deleted -> deleted ? blocks.servedAfterChange(true) : Future.succeededFuture(false))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (!result.result()) ctx.fail(notFound(name));
              else ctx.response().setStatusCode(204).end();
            });
  }

  private Block find(String name) {
    Block block = blocks.current().get(name);
    if (block == null) throw notFound(name);
    return block;
  }

  private static ApiException notFound(String name) {
    return new ApiException(404, "block_not_found", "no block named '" + name + "'");
  }
}
