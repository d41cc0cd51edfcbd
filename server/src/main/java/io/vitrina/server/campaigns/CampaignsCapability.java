package io.vitrina.server.campaigns;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vitrina.engine.algorithm.RecommendationRequest;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.Recommender;
import io.vitrina.engine.attribution.AttributionToken;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.engine.block.Block;
import io.vitrina.engine.campaign.Campaign;
import io.vitrina.engine.campaign.Caps;
import io.vitrina.engine.campaign.Content;
import io.vitrina.engine.campaign.Decisions;
import io.vitrina.engine.campaign.PageTrigger;
import io.vitrina.engine.campaign.PromotionHistories;
import io.vitrina.engine.campaign.PromotionHistory;
import io.vitrina.engine.campaign.ShopperFacts;
import io.vitrina.engine.campaign.Slot;
import io.vitrina.engine.campaign.Visit;
import io.vitrina.engine.core.EventListener;
import io.vitrina.engine.experiment.Arm;
import io.vitrina.engine.experiment.Assignment;
import io.vitrina.engine.experiment.Experiment;
import io.vitrina.engine.experiment.Experiments;
import io.vitrina.engine.experiment.GlobalHoldout;
import io.vitrina.engine.experiment.Placement;
import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Origin;
import io.vitrina.server.cluster.LiveConfiguration;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.QueryParams;
import io.vitrina.server.metrics.Metrics;
import io.vitrina.server.privacy.ShopperData;
import io.vitrina.server.recommend.Answers;
import io.vitrina.server.recommend.Personalization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pop-up campaigns and content slots: the admin API that manages them (validated when saved, live
 * on every node), and {@code GET /v1/decide}, which tells a page which campaigns its shopper may
 * see and what its slots show, from memory only: the saved campaigns and slots, the shopper's
 * profile and segments, and their promotion history, which every node keeps from every shopper's
 * promotion events (so caps agree whichever node answers). A campaign or a slot with an experiment
 * running on it answers each shopper with their arm; a view of it with its token exposes them.
 */
public final class CampaignsCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignsCapability.class);

  static final long MAX_BODY_BYTES = 64 * 1024;

  /** The algorithm a token of a campaign or slot without items names. */
  static final String SHOWN = "promotion";

  /**
   * What a decision reads of shoppers, as narrow functions.
   *
   * @param keyOf the profile key of a request's visitor and customer, or null
   * @param profileOf the kept profile under a key, if any
   * @param segmentsOf the ids of the segments the shopper under a key is in now
   * @param knownSegment whether a segment id names a segment (built-in or saved)
   * @param priceOf an item's price in the catalog, or null when it has none
   */
  public record Shoppers(
      BiFunction<String, String, String> keyOf,
      Function<String, Optional<KeptProfile>> profileOf,
      Function<String, List<String>> segmentsOf,
      Predicate<String> knownSegment,
      Function<String, Double> priceOf) {}

  /**
   * What fills item strips.
   *
   * @param blocks a saved block by name, or null
   * @param personalization whom nothing personalizes: their strips are an anonymous shopper's
   */
  public record Strips(
      Recommender recommender,
      Answers answers,
      Function<String, Block> blocks,
      Personalization personalization) {}

  private final CampaignStore store;
  private final LiveConfiguration<CampaignStore.Snapshot> saved;
  private final Strips strips;
  private final Shoppers shoppers;
  private final TokenSigner tokens;
  private final Experiments experiments;
  private final Clock clock;
  private final PromotionHistories histories;
  private final Metrics.Counter decisions;

  /**
   * @param saved the campaigns and slots {@code store} holds, live ({@link
   *     CampaignStore#CONFIGURATION})
   * @param experiments the running experiments: one on a campaign or a slot decides its arms
   * @param maxShoppers the promotion histories kept in memory at most
   */
  public CampaignsCapability(
      CampaignStore store,
      LiveConfiguration<CampaignStore.Snapshot> saved,
      Strips strips,
      Shoppers shoppers,
      TokenSigner tokens,
      Experiments experiments,
      Metrics metrics,
      Clock clock,
      int maxShoppers) {
    this.store = store;
    this.saved = saved;
    this.strips = strips;
    this.shoppers = shoppers;
    this.tokens = tokens;
    this.experiments = experiments;
    this.clock = clock;
    this.histories = new PromotionHistories(maxShoppers);
    this.decisions =
        metrics.counter(
            "vitrina_decisions_total",
            "outcome",
            "decisions of GET /v1/decide: shown (a campaign or a slot's content offered), holdout"
                + " (only held-out ones), empty");
  }

  @Override
  public Future<Void> start() {
    return saved
        .reload()
        .onSuccess(
            x ->
                LOG.info(
                    "Campaigns loaded: {}, slots: {}",
                    saved.current().campaigns().size(),
                    saved.current().slots().size()));
  }

  @Override
  public List<Job> jobs() {
    return List.of(saved.poll());
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.storefront(HttpMethod.GET, "/decide").handler(this::decide);
    routes.admin(HttpMethod.GET, "/campaigns").handler(this::listCampaigns);
    routes.admin(HttpMethod.GET, "/campaigns/:id").handler(this::getCampaign);
    routes
        .adminWithBody(HttpMethod.PUT, "/campaigns/:id", MAX_BODY_BYTES)
        .handler(this::putCampaign);
    routes.admin(HttpMethod.DELETE, "/campaigns/:id").handler(this::deleteCampaign);
    routes.admin(HttpMethod.GET, "/slots").handler(this::listSlots);
    routes.admin(HttpMethod.GET, "/slots/:name").handler(this::getSlot);
    routes.adminWithBody(HttpMethod.PUT, "/slots/:name", MAX_BODY_BYTES).handler(this::putSlot);
    routes.admin(HttpMethod.DELETE, "/slots/:name").handler(this::deleteSlot);
  }

  // --- Promotion history: every node applies every event -------------------------------------

  /**
   * What the serving core tells of each event it applies: a shopper's shows and closes are kept
   * from every origin (so every node's caps agree, and a start rebuilds them from the replay); a
   * show or a click this node accepted, with a token of an experiment's arm, exposes the shopper.
   */
  public EventListener listener() {
    return this::applied;
  }

  private void applied(Event event, Origin origin) {
    if (event.type() != EventType.VIEW_PROMOTION && event.type() != EventType.SELECT_PROMOTION)
      return;
    histories.apply(event);
    if (origin == Origin.LIVE && event.attributionToken() != null) expose(event);
  }

  private void expose(Event event) {
    AttributionToken token = tokens.verify(event.attributionToken()).orElse(null);
    if (token == null || token.experiment() == null) return;
    Placement placement = Placement.shownBy(token.block()).orElse(null);
    if (placement == null) return;
    Experiment experiment =
        experiments
            .runningOn(placement)
            .filter(e -> e.id().equals(token.experiment()))
            .orElse(null);
    if (experiment == null) return;
    experiment
        .arm(token.arm())
        .ifPresent(
            arm ->
                experiments.exposed(
                    new Experiments.Exposure(
                        experiment, arm, event.visitorId(), event.customerId())));
  }

  /** The privacy section: what a shopper was shown and closed, and its forgetting. */
  public ShopperData privacySection() {
    return ShopperData.of("promotions", shopper -> exported(shopper.keys()), histories::forget);
  }

  private JsonArray exported(List<String> keys) {
    PromotionHistory history = histories.of(keys);
    if (history.isEmpty()) return null;
    JsonArray out = new JsonArray();
    history.entries().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              JsonArray recent = new JsonArray();
              for (long at : e.getValue().views()) recent.add(Instant.ofEpochMilli(at).toString());
              Instant closed = e.getValue().lastClosed();
              out.add(
                  new JsonObject()
                      .put("item_list_id", e.getKey())
                      .put("shows", e.getValue().lifetime())
                      .put("recent_shows", recent)
                      .put("last_closed", closed == null ? null : closed.toString()));
            });
    return out;
  }

  // --- The decision --------------------------------------------------------------------------

  /** {@code GET /v1/decide}: the page's campaigns, highest priority first, and its slots. */
  private void decide(RoutingContext ctx) {
    Instant now = clock.instant();
    DecideQuery q = DecideQuery.parse(QueryParams.of(ctx), now);
    CampaignStore.Snapshot snapshot = saved.current();
    ShopperFacts facts = facts(q, now);
    Visit visit = new Visit(q.url(), q.device(), q.sessionStart());
    PromotionHistory history = histories.of(PromotionHistories.keysOf(q.visitor(), q.customer()));
    Tally tally = new Tally();
    JsonArray campaigns = new JsonArray();
    for (Campaign c :
        Decisions.eligible(snapshot.campaigns().values(), facts, visit, history, now)) {
      JsonObject entry = campaign(c, q, tally);
      if (entry != null) campaigns.add(entry);
    }
    JsonObject slots = new JsonObject();
    for (String name : q.slots()) {
      Slot slot = snapshot.slots().get(name);
      JsonObject entry = slot == null ? null : slot(slot, facts, visit, q, tally);
      if (entry != null) slots.put(name, entry);
    }
    decisions.add(tally.shown > 0 ? "shown" : tally.held > 0 ? "holdout" : "empty", 1);
    JsonResponse.sendUncached(
        ctx, 200, new JsonObject().put("campaigns", campaigns).put("slots", slots));
  }

  /** What a decision offered: contents shown, and held out. */
  private static final class Tally {
    int shown;
    int held;
  }

  /**
   * How much earlier than the script's session start a shopper's first event may be and still be of
   * this visit: the page's first events are stamped as the script starts, a few milliseconds around
   * the session it opens, and a store's own backend may post the visit's first event a little
   * before. A returning shopper was seen before that.
   */
  static final Duration SAME_VISIT = Duration.ofMinutes(1);

  /** What targeting reads of the request's shopper: from memory (profile, segments, prices). */
  private ShopperFacts facts(DecideQuery q, Instant now) {
    String key = shoppers.keyOf().apply(q.visitor(), q.customer());
    if (key == null) return ShopperFacts.NEW_VISITOR;
    KeptProfile profile = shoppers.profileOf().apply(key).orElse(null);
    List<String> cart =
        !q.cart().isEmpty() ? q.cart() : profile == null ? List.of() : profile.activity().cart();
    double value = 0;
    for (String id : cart) {
      Double price = shoppers.priceOf().apply(id);
      if (price != null) value += price;
    }
    Instant session = q.sessionStart() != null ? q.sessionStart() : now.minus(Caps.UNDATED_SESSION);
    Instant first = profile == null ? null : profile.activity().firstSeen();
    boolean returning = first != null && first.isBefore(session.minus(SAME_VISIT));
    return new ShopperFacts(
        Set.copyOf(shoppers.segmentsOf().apply(key)), returning, cart.size(), value);
  }

  /** The shopper's arm of the experiment running on {@code placement}, if one takes them in. */
  private record InArm(Experiment experiment, Arm arm) {
    JsonObject json() {
      return new JsonObject().put("id", experiment.id()).put("arm", arm.key());
    }
  }

  private Optional<InArm> inArm(Placement placement, DecideQuery q) {
    Experiment experiment = experiments.runningOn(placement).orElse(null);
    if (experiment == null) return Optional.empty();
    return Assignment.arm(experiment, Assignment.shopperId(q.visitor(), q.customer()))
        .map(arm -> new InArm(experiment, arm));
  }

  private JsonObject campaign(Campaign c, DecideQuery q, Tally tally) {
    Placement placement = Placement.campaign(c.id());
    InArm in = inArm(placement, q).orElse(null);
    JsonArray triggers = new JsonArray();
    for (PageTrigger t : c.triggers()) triggers.add(CampaignJson.toJson(t));
    JsonObject entry =
        new JsonObject().put("id", c.id()).put("priority", c.priority()).put("triggers", triggers);
    return offered(entry, placement, c.content(), in, q, tally);
  }

  private JsonObject slot(Slot slot, ShopperFacts facts, Visit visit, DecideQuery q, Tally tally) {
    Placement placement = Placement.slot(slot.name());
    InArm in = inArm(placement, q).orElse(null);
    for (Slot.Choice choice : slot.choices(facts, visit)) {
      JsonObject entry = new JsonObject().put("variant", choice.variant());
      JsonObject offered = offered(entry, placement, choice.content(), in, q, tally);
      if (offered != null) return offered;
    }
    return null;
  }

  /**
   * The entry with its token and content, or the holdout's without content; null when the content
   * is items alone and its strip came back empty (a slot then tries its next choice).
   */
  private JsonObject offered(
      JsonObject entry,
      Placement placement,
      Content content,
      InArm in,
      DecideQuery q,
      Tally tally) {
    String experiment = in == null ? null : in.experiment().id();
    String arm = in == null ? null : in.arm().key();
    if (in != null) entry.put("experiment", in.json());
    if (in != null && in.arm().holdout()) {
      tally.held++;
      return entry
          .put("token", tokens.issue(placement.shownAs(), Answers.HOLDOUT, experiment, arm))
          .put("holdout", true);
    }
    JsonObject json = Shapes.toJson(content); // a slot's with its type
    json.remove("items"); // the strip's definition; its items take its place
    String token;
    if (content.items() == null) {
      token = tokens.issue(placement.shownAs(), SHOWN, experiment, arm);
    } else {
      Recommendations found = strip(content.items(), q);
      if (found.items().isEmpty() && content.itemsAlone()) return null;
      JsonObject answer = strips.answers().counted(found, placement.shownAs(), experiment, arm);
      token = answer.getString("token");
      json.put("items", answer.getJsonArray("items"));
    }
    tally.shown++;
    return entry.put("token", token).put("holdout", false).put("content", json);
  }

  /**
   * The strip's items for the page's shopper and context; none when the algorithm cannot answer
   * this page (an item page's algorithm on the home page, an item gone from the catalog).
   */
  private Recommendations strip(Content.ItemStrip strip, DecideQuery q) {
    Block block = strip.block() == null ? null : strips.blocks().apply(strip.block());
    String algorithm = block != null ? block.algorithm() : strip.algorithm();
    if (algorithm == null) return new Recommendations(SHOWN, List.of()); // its block is gone
    RecommendationRequest.Builder ask =
        RecommendationRequest.builder(algorithm)
            .limit(strip.limit() > 0 ? strip.limit() : block.limit())
            .visitor(q.visitor())
            .customer(q.customer())
            .item(q.item())
            .category(q.category())
            .cart(q.cart());
    if (block != null) ask.rules(block.rules()).fallback(block.fallback());
    RecommendationRequest request = ask.build();
    try {
      if (strips.personalization().refused(request.shopper()))
        return GlobalHoldout.answer(strips.recommender(), request);
      return strips.recommender().recommend(request);
    } catch (Recommender.MissingContextException
        | Recommender.UnknownItemException
        | Recommender.UnknownCategoryException
        | Recommender.UnknownAlgorithmException e) {
      return new Recommendations(algorithm, List.of());
    }
  }

  // --- The admin API -------------------------------------------------------------------------

  private Shapes.Known known() {
    return new Shapes.Known(
        shoppers.knownSegment(),
        name -> strips.recommender().algorithms().get(name).isPresent(),
        name -> strips.blocks().apply(name) != null);
  }

  private void listCampaigns(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    saved.current().campaigns().values().forEach(c -> all.add(CampaignJson.toJson(c)));
    JsonResponse.send(ctx, 200, new JsonObject().put("campaigns", all));
  }

  private void getCampaign(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Campaign c = saved.current().campaigns().get(id);
    if (c == null) throw campaignNotFound(id);
    JsonResponse.send(ctx, 200, CampaignJson.toJson(c));
  }

  /**
   * {@code PUT /v1/admin/campaigns/{id}}: 201 when new, 200 when replaced; 400 lists every fault.
   */
  private void putCampaign(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Campaign campaign = CampaignJson.parse(id, JsonBody.of(ctx), known());
    JsonObject json = CampaignJson.toJson(campaign);
    saved(ctx, store.putCampaign(id, json), json);
  }

  private void deleteCampaign(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    deleted(ctx, store.deleteCampaign(id), campaignNotFound(id));
  }

  private void listSlots(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    saved.current().slots().values().forEach(s -> all.add(SlotJson.toJson(s)));
    JsonResponse.send(ctx, 200, new JsonObject().put("slots", all));
  }

  private void getSlot(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Slot s = saved.current().slots().get(name);
    if (s == null) throw slotNotFound(name);
    JsonResponse.send(ctx, 200, SlotJson.toJson(s));
  }

  /** {@code PUT /v1/admin/slots/{name}}: 201 when new, 200 when replaced; 400 lists every fault. */
  private void putSlot(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Slot slot = SlotJson.parse(name, JsonBody.of(ctx), known());
    JsonObject json = SlotJson.toJson(slot);
    saved(ctx, store.putSlot(name, json), json);
  }

  private void deleteSlot(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    deleted(ctx, store.deleteSlot(name), slotNotFound(name));
  }

  private void saved(RoutingContext ctx, Future<Boolean> put, JsonObject json) {
    put.compose(saved::servedAfterChange)
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else JsonResponse.send(ctx, result.result() ? 201 : 200, json);
            });
  }

  private void deleted(RoutingContext ctx, Future<Boolean> delete, ApiException notFound) {
    delete
        .compose(gone -> gone ? saved.servedAfterChange(true) : Future.succeededFuture(false))
        .onComplete(
            result -> {
              if (result.failed()) ctx.fail(result.cause());
              else if (!result.result()) ctx.fail(notFound);
              else ctx.response().setStatusCode(204).end();
            });
  }

  private static ApiException campaignNotFound(String id) {
    return new ApiException(404, "campaign_not_found", "no campaign '" + id + "'");
  }

  private static ApiException slotNotFound(String name) {
    return new ApiException(404, "slot_not_found", "no slot named '" + name + "'");
  }
}
