package io.vitrina.server.privacy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.profile.Activity;
import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.Consent;
import io.vitrina.engine.profile.KeptProfile;
import io.vitrina.engine.profile.Orders;
import io.vitrina.engine.profile.ProfileStore;
import io.vitrina.engine.profile.ProfileView;
import java.time.Instant;
import java.util.List;

/**
 * The sections of a shopper this node holds in memory, from their profile: consent, affinities,
 * orders and activity (cart, each item viewed and bought with how often and when last, searches).
 * Erased with the profile itself.
 */
final class ProfileSections {
  private ProfileSections() {}

  static List<ShopperData> all(ProfileStore profiles) {
    return List.of(
        ShopperData.of("consent", shopper -> consent(consentOf(profiles, shopper))),
        ShopperData.of("affinities", shopper -> affinities(view(profiles, shopper))),
        ShopperData.of("orders", shopper -> orders(view(profiles, shopper).orders())),
        ShopperData.of("activity", shopper -> activity(activityOf(profiles, shopper))));
  }

  static ProfileView view(ProfileStore profiles, ShopperIds shopper) {
    return profiles.view(single(shopper), shopper.customerId());
  }

  static Activity activityOf(ProfileStore profiles, ShopperIds shopper) {
    String key = profiles.resolve(single(shopper), shopper.customerId());
    if (key == null) return Activity.NONE;
    return profiles.kept(key).map(KeptProfile::activity).orElse(Activity.NONE);
  }

  static Consent consentOf(ProfileStore profiles, ShopperIds shopper) {
    return profiles.consent(single(shopper), shopper.customerId());
  }

  /** A visitor never stitched: their one visitor id; else the customer id names them. */
  private static String single(ShopperIds shopper) {
    return shopper.customerId() == null && !shopper.visitorIds().isEmpty()
        ? shopper.visitorIds().getFirst()
        : null;
  }

  static JsonObject consent(Consent consent) {
    return new JsonObject()
        .put("personalization", choice(consent.personalization(), consent.personalizationAllowed()))
        .put("marketing", choice(consent.marketing(), consent.marketingAllowed()));
  }

  private static JsonObject choice(Consent.Choice choice, boolean allowed) {
    return new JsonObject()
        .put("allowed", allowed)
        .put("decided_at", choice == null ? null : choice.at().toString())
        .put("default", choice == null);
  }

  private static JsonObject affinities(ProfileView view) {
    JsonObject facets = new JsonObject();
    view.affinities()
        .byFacet()
        .forEach(
            (facet, values) -> {
              JsonArray list = new JsonArray();
              for (Affinity a : values)
                list.add(new JsonObject().put("value", a.value()).put("share", a.share()));
              facets.put(facet.key(), list);
            });
    return facets;
  }

  private static JsonObject orders(Orders orders) {
    JsonArray recent = new JsonArray();
    for (Orders.Order order : orders.recent())
      recent.add(new JsonObject().put("at", order.at().toString()).put("value", order.value()));
    return new JsonObject()
        .put("count", orders.count())
        .put("revenue", orders.revenue())
        .put("first", text(orders.first()))
        .put("last", text(orders.last()))
        .put("recent", recent);
  }

  private static JsonObject activity(Activity activity) {
    return new JsonObject()
        .put("cart", new JsonArray(activity.cart()))
        .put("views", visits(activity.views()))
        .put("purchases", visits(activity.purchases()))
        .put("searches", new JsonArray(activity.searches()));
  }

  /** Each item with how many times and when last, most recent first. */
  private static JsonArray visits(List<Activity.Visit> visits) {
    JsonArray out = new JsonArray();
    for (Activity.Visit v : visits)
      out.add(
          new JsonObject()
              .put("item_id", v.itemId())
              .put("times", v.times())
              .put("last", text(v.last())));
    return out;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
