package io.vitrina.server.segments;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.core.EventListener;
import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.segment.LiveSegments;
import io.vitrina.engine.segment.RfmScale;
import io.vitrina.engine.segment.SegmentRule;
import io.vitrina.engine.segment.Segments;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.Origin;
import io.vitrina.engine.signal.ShopperKeys;
import io.vitrina.server.cluster.LiveConfiguration;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JobPace;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.http.LowPriority;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments over HTTP: the store's rule segments (saved in PostgreSQL, validated when saved, live on
 * every node), every segment with its count and members, and the membership kept on this node: each
 * event's shopper is placed again within a quarter of a second (noted as the event is applied,
 * placed on a worker), and a scan on every node recomputes the RFM scale and places every shopper
 * again (for what time alone changes, and rules saved since).
 */
public final class SegmentsCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentsCapability.class);

  static final long MAX_BODY_BYTES = 64 * 1024;

  /** How soon a shopper's event moves them between segments. */
  static final Duration PLACE_EVERY = Duration.ofMillis(250);

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1_000;

  /**
   * @param scanInterval how often every node places every shopper again and recomputes the RFM
   *     scale
   */
  public record Settings(Duration scanInterval) {
    public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(1));

    public Settings {
      if (scanInterval.isNegative() || scanInterval.isZero())
        throw new IllegalArgumentException("--segments-scan-interval must be positive");
    }
  }

  private final Vertx vertx;
  private final LowPriority.Workers scans;
  private final SegmentStore store;
  private final LiveConfiguration<SegmentStore.Snapshot> saved;
  private final LiveSegments segments;
  private final BiFunction<String, String, String> keyOf;
  private final Function<String, Optional<KeptProfile>> profileOf;
  private final Consumer<Consumer<KeptProfile>> allProfiles;
  private final Predicate<String> kept;
  private final Clock clock;
  private final Settings settings;
  private volatile Instant scannedAt;

  /**
   * @param saved the rule segments {@code store} holds, live ({@link SegmentStore#CONFIGURATION})
   * @param keyOf the profile key of the shopper an event names (visitor, customer), or null
   * @param profileOf the kept profile under a key, if any
   * @param allProfiles calls its argument with every kept profile
   * @param kept whether a profile is kept under a key (members whose profile went are not listed)
   */
  public SegmentsCapability(
      Vertx vertx,
      SegmentStore store,
      LiveConfiguration<SegmentStore.Snapshot> saved,
      LiveSegments segments,
      BiFunction<String, String, String> keyOf,
      Function<String, Optional<KeptProfile>> profileOf,
      Consumer<Consumer<KeptProfile>> allProfiles,
      Predicate<String> kept,
      Clock clock,
      Settings settings) {
    this.vertx = vertx;
    this.scans = JobPace.workers(vertx);
    this.store = store;
    this.saved = saved;
    this.segments = segments;
    this.keyOf = keyOf;
    this.profileOf = profileOf;
    this.allProfiles = allProfiles;
    this.kept = kept;
    this.clock = clock;
    this.settings = settings;
  }

  /** What the serving core tells of each event it applies: the shopper is placed again. */
  public EventListener listener() {
    return this::applied;
  }

  private void applied(Event event, Origin origin) {
    // A start replays its window, then scans once: placing each replayed event would be waste.
    // Every other event may change what rules read (an impression moves the last seen time).
    if (origin == Origin.REPLAY || event.type().internal()) return;
    if (event.visitorId() != null && event.customerId() != null)
      segments.gone(ShopperKeys.visitor(event.visitorId())); // stitched into the customer
    String key = keyOf.apply(event.visitorId(), event.customerId());
    if (key != null) segments.noteChanged(key);
  }

  /** Places the shoppers whose events arrived since the last run: on a worker. */
  private Future<Void> placeNoted() {
    return vertx.executeBlocking(() -> segments.placeNoted(profileOf), false).mapEmpty();
  }

  @Override
  public Future<Void> start() {
    return saved.reload().compose(x -> useRules()).compose(x -> scan());
  }

  private Future<Void> useRules() {
    SegmentStore.Snapshot now = saved.current();
    segments.rules(now.rules().values().stream().map(SegmentStore.Saved::rule).toList());
    segments.scoreBy(now.scale());
    return Future.succeededFuture();
  }

  /** A scan someone waits for (the start, a change of the RFM scale): at full speed. */
  private Future<Void> scan() {
    return scan(JobPace.UNPACED);
  }

  private Future<Void> scan(JobPace pace) {
    Consumer<Consumer<KeptProfile>> paced =
        each ->
            allProfiles.accept(
                shopper -> {
                  pace.step();
                  each.accept(shopper);
                });
    return scans
        .run(
            () -> {
              long started = System.nanoTime();
              int placed = segments.rescan(paced, kept);
              scannedAt = clock.instant();
              LOG.debug(
                  "Segments: {} shoppers placed in {} ms",
                  placed,
                  (System.nanoTime() - started) / 1_000_000);
              return null;
            })
        .mapEmpty();
  }

  @Override
  public List<Job> jobs() {
    return List.of(
        saved.poll(),
        Job.onEveryNode("segments placing", PLACE_EVERY, this::placeNoted),
        Job.onEveryNode(
            "segments scan",
            settings.scanInterval(),
            () -> useRules().compose(x -> scan(JobPace.background()))));
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.GET, "/segments").handler(this::list);
    routes.admin(HttpMethod.GET, "/segments/:id").handler(this::get);
    routes.admin(HttpMethod.GET, "/segments/:id/members").handler(this::members);
    routes.adminWithBody(HttpMethod.PUT, "/segments/:id", MAX_BODY_BYTES).handler(this::put);
    routes.admin(HttpMethod.DELETE, "/segments/:id").handler(this::delete);
    routes.admin(HttpMethod.GET, "/rfm-scale").handler(this::scale);
    routes.adminWithBody(HttpMethod.PUT, "/rfm-scale", MAX_BODY_BYTES).handler(this::putScale);
    routes.admin(HttpMethod.DELETE, "/rfm-scale").handler(this::deleteScale);
  }

  /** {@code GET /v1/admin/rfm-scale}: the thresholds scoring now, and where they come from. */
  private void scale(RoutingContext ctx) {
    QueryParams.of(ctx).finish();
    boolean set = saved.current().scale() != null;
    JsonObject answer =
        new JsonObject()
            .put("source", set ? "set" : "quintiles")
            .put(
                "scale",
                SegmentJson.toJson(set ? saved.current().scale() : segments.current().rfm()));
    JsonResponse.send(ctx, 200, answer);
  }

  /** {@code PUT /v1/admin/rfm-scale}: the store's own thresholds, scoring from the next scan. */
  private void putScale(RoutingContext ctx) {
    RfmScale scale = SegmentJson.scale(JsonBody.of(ctx));
    store
        .putScale(scale)
        .compose(saved::servedAfterChange)
        .compose(created -> useRules().compose(x -> scan()).map(created))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else {
                JsonObject answer =
                    new JsonObject().put("source", "set").put("scale", SegmentJson.toJson(scale));
                JsonResponse.send(ctx, result.result() ? 201 : 200, answer);
              }
            });
  }

  /** {@code DELETE /v1/admin/rfm-scale}: back to the customers' quintiles. */
  private void deleteScale(RoutingContext ctx) {
    store
        .deleteScale()
        .compose(gone -> saved.servedAfterChange(gone))
        .compose(gone -> useRules().compose(x -> scan()).map(gone))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else ctx.response().setStatusCode(204).end();
            });
  }

  /**
   * Whether a segment of that id exists: a saved rule (as of the latest save, on any node) or a
   * built-in one (a lifecycle stage, an RFM group). What other capabilities validate against.
   */
  public boolean exists(String id) {
    return saved.current().rules().containsKey(id)
        || segments.current().definitions().stream().anyMatch(d -> d.id().equals(id));
  }

  /** Erased shoppers, whose keys {@code erased} accepts, are nobody's member any more. */
  public void forget(Predicate<String> erased) {
    segments.membership().forgetMatching(erased);
  }

  /**
   * The segments the shopper under these keys is in now, for their export: each id with its kind
   * and name; null when none.
   */
  public JsonArray exported(List<String> keys) {
    Map<String, Segments.Definition> byId = new HashMap<>();
    for (Segments.Definition d : segments.current().definitions()) byId.put(d.id(), d);
    JsonArray out = new JsonArray();
    Set<String> listed = new HashSet<>();
    for (String key : keys) {
      if (!kept.test(key)) continue;
      for (String id : segments.membership().of(key)) {
        Segments.Definition d = byId.get(id);
        if (d != null && listed.add(id))
          out.add(new JsonObject().put("id", id).put("kind", d.kind()).put("name", d.name()));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private void list(RoutingContext ctx) {
    QueryParams.of(ctx).finish();
    useRules(); // a save through another node serves here once it commits
    placeNoted().onSuccess(x -> sendList(ctx)).onFailure(ctx::fail);
  }

  private void sendList(RoutingContext ctx) {
    Segments now = segments.current();
    JsonArray all = new JsonArray();
    for (Segments.Definition definition : now.definitions()) all.add(json(definition));
    JsonObject answer =
        new JsonObject()
            .put("segments", all)
            .put("shoppers", segments.membership().shoppers())
            .put("scanned_at", scannedAt == null ? null : scannedAt.toString())
            .put("rfm_scale", SegmentJson.toJson(now.rfm()));
    JsonResponse.send(ctx, 200, answer);
  }

  private void get(RoutingContext ctx) {
    QueryParams.of(ctx).finish();
    Segments.Definition definition = find(ctx.pathParam("id"));
    placeNoted().onSuccess(x -> JsonResponse.send(ctx, 200, json(definition))).onFailure(ctx::fail);
  }

  /** {@code GET …/members?after=&limit=}: members in key order, a page at a time. */
  private void members(RoutingContext ctx) {
    Segments.Definition definition = find(ctx.pathParam("id"));
    QueryParams params = QueryParams.of(ctx);
    String after = params.text("after", 400);
    Integer limit = params.integer("limit", 1, MAX_PAGE);
    params.finish();
    int page = limit == null ? DEFAULT_PAGE : limit;
    // Who the events so far placed, then a walk over every member, sorted: on a worker.
    vertx
        .executeBlocking(
            () -> {
              segments.placeNoted(profileOf);
              return segments.membership().members(definition.id(), after, page + 1, kept);
            },
            false)
        .onSuccess(keys -> sendMembers(ctx, definition, keys, page))
        .onFailure(ctx::fail);
  }

  private void sendMembers(
      RoutingContext ctx, Segments.Definition definition, List<String> keys, int page) {
    boolean more = keys.size() > page;
    if (more) keys = keys.subList(0, page);
    JsonArray members = new JsonArray();
    for (String key : keys) members.add(shopper(key));
    JsonObject answer =
        new JsonObject()
            .put("segment", definition.id())
            .put("count", segments.membership().count(definition.id()))
            .put("members", members)
            .put("next", more ? keys.getLast() : null);
    JsonResponse.send(ctx, 200, answer);
  }

  /**
   * {@code PUT /v1/admin/segments/{id}}: 201 when new, 200 when replaced; 400 lists every fault.
   */
  private void put(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = JsonBody.of(ctx);
    SegmentRule rule = SegmentJson.parse(id, body);
    store
        .put(id, body)
        .compose(saved::servedAfterChange)
        .compose(created -> useRules().map(created))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else
                JsonResponse.send(
                    ctx,
                    result.result() ? 201 : 200,
                    json(new Segments.Definition(id, "rule", rule.name(), rule))
                        .put("definition", body));
            });
  }

  private void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    store
        .delete(id)
        .compose(gone -> gone ? saved.servedAfterChange(true) : Future.succeededFuture(false))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (!result.result()) ctx.fail(notFound(id));
              else {
                useRules();
                ctx.response().setStatusCode(204).end();
              }
            });
  }

  private Segments.Definition find(String id) {
    useRules();
    for (Segments.Definition definition : segments.current().definitions())
      if (definition.id().equals(id)) return definition;
    // Saved on another node a moment ago: its rule is live before the next scan places members.
    SegmentStore.Saved rule = saved.current().rules().get(id);
    if (rule != null) return new Segments.Definition(id, "rule", rule.rule().name(), rule.rule());
    throw notFound(id);
  }

  private JsonObject json(Segments.Definition definition) {
    JsonObject json =
        new JsonObject()
            .put("id", definition.id())
            .put("kind", definition.kind())
            .put("name", definition.name())
            .put("members", segments.membership().count(definition.id()));
    SegmentStore.Saved rule = saved.current().rules().get(definition.id());
    if (rule != null) json.put("definition", rule.definition());
    return json;
  }

  /** A profile key as the API names shoppers. */
  static JsonObject shopper(String key) {
    return ShopperKeys.isCustomer(key)
        ? new JsonObject().put("customer_id", ShopperKeys.id(key))
        : new JsonObject().put("visitor_id", ShopperKeys.id(key));
  }

  private static ApiException notFound(String id) {
    return new ApiException(404, "segment_not_found", "no segment with id '" + id + "'");
  }
}
