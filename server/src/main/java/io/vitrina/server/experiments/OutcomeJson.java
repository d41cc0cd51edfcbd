package io.vitrina.server.experiments;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.ShopperOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shoppers' outcomes and arms' totals as the JSON they are stored as, both ways. */
final class OutcomeJson {
  private OutcomeJson() {}

  static JsonObject toJson(ShopperOutcome o) {
    ShopperOutcome.Counts c = o.counts();
    JsonArray touches = new JsonArray();
    for (ShopperOutcome.Touch t : o.touches())
      touches.add(
          new JsonArray()
              .add(t.itemId())
              .add(t.kind() == ShopperOutcome.Touch.Kind.CLICKED ? "c" : "s")
              .add(t.at().toEpochMilli()));
    JsonObject orders = new JsonObject();
    o.orderValues().forEach(orders::put);
    return new JsonObject()
        .put("arm", o.arm())
        .put("phase", o.phase())
        .put("exposed", o.exposedAt().toEpochMilli())
        .put(
            "counts",
            new JsonArray()
                .add(c.orders())
                .add(c.revenue())
                .add(c.items())
                .add(c.impressions())
                .add(c.clicks())
                .add(c.preRevenue()))
        .put("attributed", attributed(o.attributed()))
        .put("touches", touches)
        .put("orders", orders)
        .put("crossed", o.crossed());
  }

  /** An outcome as stored; one read without its touches and orders has none. */
  static ShopperOutcome outcome(JsonObject json) {
    JsonArray c = json.getJsonArray("counts");
    List<ShopperOutcome.Touch> touches = new ArrayList<>();
    for (Object o : json.getJsonArray("touches", new JsonArray())) {
      JsonArray t = (JsonArray) o;
      touches.add(
          new ShopperOutcome.Touch(
              t.getString(0),
              "c".equals(t.getString(1))
                  ? ShopperOutcome.Touch.Kind.CLICKED
                  : ShopperOutcome.Touch.Kind.SHOWN,
              Instant.ofEpochMilli(t.getLong(2))));
    }
    Map<String, Double> orders = new LinkedHashMap<>();
    json.getJsonObject("orders", new JsonObject())
        .forEach(e -> orders.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return new ShopperOutcome(
        json.getString("arm"),
        json.getInteger("phase"),
        Instant.ofEpochMilli(json.getLong("exposed")),
        new ShopperOutcome.Counts(
            c.getLong(0), c.getDouble(1), c.getLong(2), c.getLong(3), c.getLong(4), c.getDouble(5)),
        attributed(json.getJsonArray("attributed")),
        touches,
        orders,
        json.getBoolean("crossed"));
  }

  private static JsonArray attributed(ShopperOutcome.Attributed a) {
    return new JsonArray().add(a.clickThrough()).add(a.clickThroughOrders()).add(a.viewThrough());
  }

  private static ShopperOutcome.Attributed attributed(JsonArray a) {
    return new ShopperOutcome.Attributed(a.getDouble(0), a.getDouble(1), a.getDouble(2));
  }

  static JsonObject toJson(ArmTotals t) {
    return new JsonObject()
        .put("shoppers", t.shoppers())
        .put("buyers", t.buyers())
        .put("crossed", t.crossed())
        .put("revenue", moments(t.revenue()))
        .put("orders", moments(t.orders()))
        .put("items", moments(t.items()))
        .put("impressions", moments(t.impressions()))
        .put("clicks", moments(t.clicks()))
        .put("pre_revenue", moments(t.preRevenue()))
        .put(
            "products",
            new JsonArray()
                .add(t.products().revenueOrders())
                .add(t.products().itemsOrders())
                .add(t.products().clicksImpressions())
                .add(t.products().revenuePre()))
        .put("attributed", attributed(t.attributed()));
  }

  static ArmTotals totals(JsonObject json) {
    JsonArray p = json.getJsonArray("products");
    return new ArmTotals(
        json.getLong("shoppers"),
        json.getLong("buyers"),
        json.getLong("crossed"),
        moments(json.getJsonArray("revenue")),
        moments(json.getJsonArray("orders")),
        moments(json.getJsonArray("items")),
        moments(json.getJsonArray("impressions")),
        moments(json.getJsonArray("clicks")),
        moments(json.getJsonArray("pre_revenue")),
        new ArmTotals.Products(p.getDouble(0), p.getDouble(1), p.getDouble(2), p.getDouble(3)),
        attributed(json.getJsonArray("attributed")));
  }

  private static JsonArray moments(ArmTotals.Moments m) {
    return new JsonArray().add(m.sum()).add(m.sumSquares());
  }

  private static ArmTotals.Moments moments(JsonArray a) {
    return new ArmTotals.Moments(a.getDouble(0), a.getDouble(1));
  }
}
