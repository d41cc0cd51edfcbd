package io.vitrina.server.audiences;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.audience.AudienceMember;
import io.vitrina.engine.audience.Audiences;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.ProfileView;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.metrics.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audiences: a shopper's affinities, look-alikes of seed shoppers and audiences by taste (admin
 * endpoints; the searches run on a worker), and the job that writes changed profiles into the
 * profile index every {@link #INDEX_EVERY}, at most {@link #BATCH} at a time.
 */
public final class AudiencesCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(AudiencesCapability.class);

  /** How soon a shopper's new events reach the audiences. */
  public static final Duration INDEX_EVERY = Duration.ofSeconds(1);

  /**
   * Profiles written per run, at most. Writing one costs ~30 µs on one core (benchmarks/README.md),
   * but under a heavy event load every run is full (each event changes a profile) and Lucene merges
   * the segments the runs leave. In `./vitrina loadtest ratio` events were taken at ~70,000 a
   * second without the job, ~28,000 with 20,000 profiles a run and ~56,000 with this many. After a
   * start or a training, when every profile waits, the index catches up at this rate.
   */
  static final int BATCH = 2_000;

  static final long MAX_BODY_BYTES = 1 << 20;

  private final Vertx vertx;
  private final Audiences audiences;
  private final BiFunction<String, String, ProfileView> profiles;

  /** Whether a backlog (a start, a training, a burst of events) is being written down. */
  private volatile boolean behind;

  /**
   * @param profiles the profile of a visitor id and a customer id (either may be null)
   */
  public AudiencesCapability(
      Vertx vertx,
      Audiences audiences,
      BiFunction<String, String, ProfileView> profiles,
      Metrics metrics) {
    this.vertx = vertx;
    this.audiences = audiences;
    this.profiles = profiles;
    metrics.gauge(
        "vitrina_profile_index_shoppers", "Shoppers in the profile index", audiences::indexed);
    metrics.gauge(
        "vitrina_profile_index_pending",
        "Profiles changed and not yet written to the profile index",
        audiences::pending);
    metrics.gauge(
        "vitrina_profile_index_bytes", "Heap the profile index takes", audiences::indexBytes);
    metrics.gauge(
        "vitrina_profile_index_reopened",
        "Times the profile index was opened anew after its writer failed, since start",
        audiences::reopenCount);
  }

  @Override
  public List<Job> jobs() {
    return List.of(Job.onEveryNode("profile index", INDEX_EVERY, this::indexChanged));
  }

  /**
   * One batch on a worker. A batch that failed is written with the next run; a writer that failed
   * for good is replaced by a new index then (Audiences#indexChanged).
   */
  private Future<?> indexChanged() {
    return vertx
        .executeBlocking(() -> audiences.indexChanged(BATCH), false)
        .onSuccess(
            written -> {
              if (written.pending() > BATCH) {
                behind = true; // the gauges follow it; one line when it has caught up
              } else if (behind && written.pending() == 0) {
                behind = false;
                LOG.info("Profile index caught up: {} shoppers", audiences.indexed());
              }
            });
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.GET, "/shoppers/affinities").handler(this::affinities);
    routes
        .adminWithBody(HttpMethod.POST, "/audiences/lookalikes", MAX_BODY_BYTES)
        .handler(this::lookalikes);
    routes
        .adminWithBody(HttpMethod.POST, "/audiences/by-affinity", MAX_BODY_BYTES)
        .handler(this::byAffinity);
  }

  /** {@code GET /v1/admin/shoppers/affinities?customer=|visitor=}. */
  private void affinities(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    String visitor = params.id("visitor");
    String customer = params.id("customer");
    if (visitor == null && customer == null) params.problem("customer", "is required (or visitor)");
    params.finish();
    ProfileView profile = profiles.apply(visitor, customer);
    if (profile == ProfileView.EMPTY)
      throw new ApiException(404, "shopper_not_found", "no profile for this shopper");
    JsonObject facets = new JsonObject();
    profile
        .affinities()
        .byFacet()
        .forEach(
            (facet, values) -> {
              JsonArray list = new JsonArray();
              for (Affinity a : values)
                list.add(new JsonObject().put("value", a.value()).put("share", a.share()));
              facets.put(facet.key(), list);
            });
    JsonResponse.send(
        ctx,
        200,
        new JsonObject()
            .put("shopper", shopper(audiences.keyOf(visitor, customer)))
            .put("affinities", facets));
  }

  /** {@code POST /v1/admin/audiences/lookalikes}. */
  private void lookalikes(RoutingContext ctx) {
    AudienceRequest request = AudienceRequest.lookalikes(JsonBody.of(ctx), audiences::keyOf);
    answer(
        ctx,
        () -> audiences.lookalikes(request.seed(), request.by(), request.region(), request.size()));
  }

  /** {@code POST /v1/admin/audiences/by-affinity}. */
  private void byAffinity(RoutingContext ctx) {
    AudienceRequest request = AudienceRequest.byAffinity(JsonBody.of(ctx));
    answer(ctx, () -> audiences.byAffinity(request.target(), request.region(), request.size()));
  }

  private void answer(RoutingContext ctx, Callable<List<AudienceMember>> search) {
    vertx
        .executeBlocking(search, false)
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
                return;
              }
              JsonArray shoppers = new JsonArray();
              for (AudienceMember member : result.result())
                shoppers.add(shopper(member.key()).put("score", member.score()));
              JsonResponse.send(
                  ctx,
                  200,
                  new JsonObject()
                      .put("shoppers", shoppers)
                      .put("indexed", audiences.indexed())
                      .put("pending", audiences.pending()));
            });
  }

  /** {@code {"customer": "42"}} or {@code {"visitor": "v-1"}} for a profile key. */
  static JsonObject shopper(String key) {
    if (key.startsWith("c:")) return new JsonObject().put("customer", key.substring(2));
    return new JsonObject().put("visitor", key.substring(2));
  }
}
