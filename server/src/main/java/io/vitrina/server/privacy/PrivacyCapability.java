package io.vitrina.server.privacy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vitrina.engine.core.ServingCore;
import io.vitrina.engine.profile.Consent;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.signal.Event;
import io.vitrina.engine.signal.EventType;
import io.vitrina.engine.signal.Origin;
import io.vitrina.engine.signal.ShopperKeys;
import io.vitrina.server.events.EventHistory;
import io.vitrina.server.events.EventIntake;
import io.vitrina.server.events.EventLog;
import io.vitrina.server.http.ApiException;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.JsonResponse;
import io.vitrina.server.input.InvalidInputException;
import io.vitrina.server.input.JsonBody;
import io.vitrina.server.input.JsonFields;
import io.vitrina.server.input.Problem;
import io.vitrina.server.input.QueryParams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shopper's data on request, as privacy laws (152-FZ, GDPR) give them the right to it: {@code GET
 * /v1/admin/profiles} exports everything kept of them, {@code DELETE} erases it everywhere (every
 * node's memory too, see {@link Erasure}), {@code PUT /v1/admin/profiles/consent} records their
 * choices about personalization and marketing as a {@code consent} event.
 *
 * <p>The export is the {@link ShopperData} sections in order; a capability that keeps something per
 * shopper adds its own with {@link #add}. {@link #RESERVED} names the sections coming capabilities
 * fill: until one does, the export has them as null.
 */
public final class PrivacyCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyCapability.class);

  /** Sections the export always has: null until their capability adds them. */
  public static final List<String> RESERVED = List.of("segments", "triggers");

  static final int DEFAULT_EVENTS_PAGE = 100;
  static final int MAX_EVENTS_PAGE = 1_000;
  static final long MAX_BODY_BYTES = 4 * 1024;
  private static final Pattern EVENT_ID = Pattern.compile("\\d{1,18}");

  private final Pool pool;
  private final ProfileStore profiles;
  private final EventIntake events;
  private final Clock clock;
  private final Erasure erasure;
  private final List<ShopperData> sections = new CopyOnWriteArrayList<>();

  public PrivacyCapability(
      Vertx vertx,
      Pool pool,
      ServingCore core,
      EventHistory history,
      EventIntake events,
      Clock clock) {
    this.pool = pool;
    this.profiles = core.profiles();
    this.events = events;
    this.clock = clock;
    this.erasure = new Erasure(vertx, pool, profiles, () -> List.copyOf(sections));
    sections.addAll(StoredSections.all(pool, history));
    sections.addAll(ProfileSections.all(profiles));
    core.addListener(
        (event, origin) -> {
          // A replay reads a log the erasure already took the shopper's events out of.
          if (event.type() == EventType.SHOPPER_ERASED && origin != Origin.REPLAY) {
            ProfileStore.Forgotten gone = erasure.applied(event.itemIds());
            if (gone.profiles() + gone.aliases() > 0)
              LOG.info(
                  "An erasure made on another node: {} profiles and {} aliases dropped from memory",
                  gone.profiles(),
                  gone.aliases());
          }
        });
  }

  /** Adds a section to every export and erasure (segments, triggers…); returns this. */
  public PrivacyCapability add(ShopperData section) {
    sections.add(section);
    return this;
  }

  @Override
  public void routes(ApiRoutes routes) {
    routes.admin(HttpMethod.GET, "/profiles").handler(this::export);
    routes.admin(HttpMethod.DELETE, "/profiles").handler(this::erase);
    routes
        .adminWithBody(HttpMethod.PUT, "/profiles/consent", MAX_BODY_BYTES)
        .handler(this::consent);
  }

  /** {@code GET /v1/admin/profiles?customer=|visitor=[&events_after=&events_limit=]}. */
  private void export(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    Named named = named(params);
    String after =
        params.matching("events_after", EVENT_ID, "an event id, the previous page's next");
    Integer limit = params.integer("events_limit", 1, MAX_EVENTS_PAGE);
    params.finish();
    resolve(named)
        .compose(
            shopper -> {
              ShopperData.ExportRequest request =
                  new ShopperData.ExportRequest(
                      shopper,
                      after == null ? 0 : Long.parseLong(after),
                      limit == null ? DEFAULT_EVENTS_PAGE : limit);
              return exportInOrder(request, 0, new JsonObject().put("shopper", named.json()));
            })
        .onSuccess(
            export -> {
              if (!known(export)) {
                ctx.fail(
                    new ApiException(404, "shopper_not_found", "nothing is kept of this shopper"));
                return;
              }
              for (String name : RESERVED) if (!export.containsKey(name)) export.putNull(name);
              JsonResponse.sendUncached(ctx, 200, export);
            })
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> exportInOrder(
      ShopperData.ExportRequest request, int from, JsonObject out) {
    if (from == sections.size()) return Future.succeededFuture(out);
    ShopperData section = sections.get(from);
    return section
        .export(request)
        .compose(
            value -> {
              if (value != null) out.put(section.name(), value); // null: nothing of its own
              return exportInOrder(request, from + 1, out);
            });
  }

  /** Whether anything is kept: an id in identities, an event, or a profile or consent in memory. */
  private boolean known(JsonObject export) {
    JsonObject identities = export.getJsonObject("identities");
    JsonObject attributes = export.getJsonObject("attributes");
    boolean stored = attributes != null && attributes.getLong("events", 0L) > 0;
    return stored || profileKept(identities);
  }

  private boolean profileKept(JsonObject identities) {
    String customer = identities.getString("customer");
    List<String> keys = new ArrayList<>();
    if (customer != null) keys.add(ShopperKeys.customer(customer));
    for (Object visitor : identities.getJsonArray("visitors"))
      keys.add(ShopperKeys.visitor((String) visitor));
    for (String key : keys) if (profiles.viewOf(key).isPresent()) return true;
    return !profiles
        .consent(
            customer == null && !keys.isEmpty() ? keys.getFirst().substring(2) : null, customer)
        .equals(Consent.NONE);
  }

  /** {@code DELETE /v1/admin/profiles?customer=|visitor=}: what was erased, by table. */
  private void erase(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    Named named = named(params);
    params.finish();
    resolve(named)
        .compose(
            shopper ->
                erasure
                    .erase(shopper, List.copyOf(sections))
                    .map(erased -> erased.put("shopper", named.json()).put("ids", ids(shopper))))
        .onSuccess(answer -> JsonResponse.sendUncached(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  private static JsonObject ids(ShopperIds shopper) {
    return new JsonObject()
        .put("customer", shopper.customerId())
        .put("visitors", new JsonArray(List.copyOf(shopper.visitorIds())));
  }

  /**
   * {@code PUT /v1/admin/profiles/consent?customer=|visitor=} with {@code {"personalization": bool,
   * "marketing": bool}} (either or both): stored as the shopper's {@code consent} event, so every
   * node and every later start has it.
   */
  private void consent(RoutingContext ctx) {
    QueryParams params = QueryParams.of(ctx);
    Named named = named(params);
    params.finish();
    JsonObject body = JsonBody.of(ctx);
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(body, "", problems);
    Boolean personalization = f.bool("personalization");
    Boolean marketing = f.bool("marketing");
    f.refuseUnknown();
    if (problems.isEmpty() && personalization == null && marketing == null)
      f.problem("personalization", "is required (or marketing): true or false");
    if (!problems.isEmpty()) throw new InvalidInputException(problems);
    Event event =
        new Event(
            EventType.CONSENT,
            named.visitor(),
            named.customer(),
            List.of(),
            Consent.asQuery(personalization, marketing),
            null,
            null,
            clock.instant());
    events
        .append(List.of(event))
        .onSuccess(
            x ->
                JsonResponse.sendUncached(
                    ctx,
                    200,
                    new JsonObject()
                        .put("shopper", named.json())
                        .put(
                            "consent",
                            ProfileSections.consent(
                                profiles.consent(named.visitor(), named.customer())))))
        .onFailure(
            e ->
                ctx.fail(
                    e instanceof EventLog.Overloaded
                        ? ApiException.unavailable(
                            "overloaded", "retry shortly: " + e.getMessage(), 1)
                        : e));
  }

  /** The shopper a request names: {@code customer=} or {@code visitor=}, one of them. */
  record Named(String customer, String visitor) {
    JsonObject json() {
      return customer != null
          ? new JsonObject().put("customer", customer)
          : new JsonObject().put("visitor", visitor);
    }
  }

  private static Named named(QueryParams params) {
    String visitor = params.id("visitor");
    String customer = params.id("customer");
    if (visitor == null && customer == null) params.problem("customer", "is required (or visitor)");
    if (visitor != null && customer != null)
      params.problem("visitor", "name the shopper by customer or by visitor, not both");
    return new Named(customer, visitor);
  }

  /**
   * Every id of the named shopper: a visitor stitched to a customer is that customer; a customer
   * has every visitor id stitched to them, in PostgreSQL or in this node's memory.
   */
  private Future<ShopperIds> resolve(Named named) {
    Future<String> customer =
        named.customer() != null
            ? Future.succeededFuture(named.customer())
            : pool.preparedQuery("SELECT customer_id FROM identities WHERE visitor_id = $1")
                .execute(Tuple.of(named.visitor()))
                .map(
                    rows -> {
                      if (rows.size() > 0) return rows.iterator().next().getString(0);
                      String key = profiles.resolve(named.visitor(), null);
                      return key.startsWith("c:") ? key.substring(2) : null;
                    });
    return customer.compose(
        id -> {
          if (id == null)
            return Future.succeededFuture(new ShopperIds(null, List.of(named.visitor())));
          return pool.preparedQuery("SELECT visitor_id FROM identities WHERE customer_id = $1")
              .execute(Tuple.of(id))
              .map(
                  rows -> {
                    Set<String> visitors = new HashSet<>();
                    for (Row row : rows) visitors.add(row.getString(0));
                    visitors.addAll(ShopperIds.visitorsOf(profiles.keysOf(null, id)));
                    if (named.visitor() != null) visitors.add(named.visitor());
                    return new ShopperIds(id, List.copyOf(visitors));
                  });
        });
  }
}
