package io.vitrina.server;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.engine.experiment.ArmTotals;
import io.vitrina.engine.experiment.OutcomeBook;
import io.vitrina.server.TestServer.Response;
import io.vitrina.server.experiments.ExperimentsCapability;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An experiment counted from the event log as it arrives: shoppers who see the block buy more than
 * the holdout's, the report says so with all three attributions, and a recomputation from the raw
 * events gives the totals the counting kept.
 */
class ExperimentCountingTest {
  private static final int SHOPPERS = 400;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 6; i++) items.add(item("i" + i, "Phones", 40 + i, 50));
    server.upsertItems(items);
    JsonArray history = new JsonArray();
    for (int i = 1; i <= 6; i++)
      for (int v = 0; v < i; v++) history.add(event("purchase", "early-" + i + "-" + v, "i" + i));
    assertEquals(202, server.postEvents(history.encode()).status());
    server.rebuildModel();
    assertEquals(
        201,
        server
            .admin(
                "PUT",
                "/v1/admin/blocks/home",
                "application/json",
                new JsonObject().put("algorithm", "popular").put("limit", 3).encode())
            .status());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject purchase(
      String visitor, String customer, String itemId, double price, String tx) {
    JsonObject e =
        new JsonObject()
            .put("name", "purchase")
            .put("transaction_id", tx)
            .put("value", price)
            .put("currency", "EUR")
            .put(
                "items",
                new JsonArray().add(new JsonObject().put("item_id", itemId).put("price", price)));
    if (visitor != null) e.put("visitor_id", visitor);
    if (customer != null) e.put("customer_id", customer);
    return e;
  }

  @Test
  void shoppersWhoSeeTheBlockBuyMoreAndTheReportSaysSoWithEveryAttribution() throws Exception {
    JsonObject experiment =
        new JsonObject()
            .put("id", "home-vs-holdout")
            .put("placement", new JsonObject().put("block", "home"))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "holdout").put("holdout", true))
                    .add(new JsonObject().put("key", "popular")))
            .put("primary_metric", "revenue_per_shopper");
    assertEquals(
        201,
        server
            .admin("POST", "/v1/admin/experiments", "application/json", experiment.encode())
            .status());
    assertEquals(
        200,
        server.admin("POST", "/v1/admin/experiments/home-vs-holdout/start", null, null).status());
    // Bought before the experiment: counts as the CUPED covariate, not as an outcome.
    assertEquals(
        202, server.postEvents(purchase("s-0", null, "i1", 41, "before-0").encode()).status());

    Map<String, Integer> exposed = new HashMap<>();
    JsonArray events = new JsonArray();
    for (int s = 0; s < SHOPPERS; s++) {
      String visitor = "s-" + s;
      Response block = server.get("/v1/blocks/home?visitor=" + visitor);
      assertEquals(200, block.status(), block.body());
      String arm = block.json().getJsonObject("experiment").getString("arm");
      exposed.merge(arm, 1, Integer::sum);
      String token = block.json().getString("token");
      boolean sees = arm.equals("popular");
      if (sees) {
        JsonArray shown = new JsonArray();
        for (Object o : block.items())
          shown.add(new JsonObject().put("item_id", ((JsonObject) o).getString("id")));
        events.add(
            new JsonObject()
                .put("name", "view_item_list")
                .put("visitor_id", visitor)
                .put("item_list_id", "home")
                .put("attribution_token", token)
                .put("items", shown));
      }
      // The block's shoppers click its first item and half of them buy it; the holdout's buy a
      // fifth as often.
      String first = sees ? block.items().getJsonObject(0).getString("id") : "i1";
      if (sees)
        events.add(
            new JsonObject()
                .put("name", "select_item")
                .put("visitor_id", visitor)
                .put("attribution_token", token)
                .put("items", new JsonArray().add(new JsonObject().put("item_id", first))));
      if (sees ? s % 2 == 0 : s % 10 == 0) {
        // Half of the buyers pay through the store's server, which knows the customer alone.
        if (s % 4 == 0) {
          events.add(
              new JsonObject()
                  .put("name", "identify")
                  .put("visitor_id", visitor)
                  .put("customer_id", "c-" + s));
          events.add(purchase(null, "c-" + s, first, 50, "o-" + s));
        } else events.add(purchase(visitor, null, first, 50, "o-" + s));
      }
    }
    assertEquals(202, server.postEvents(events.encode()).status());

    JsonObject report = awaitReport(SHOPPERS);
    assertEquals("holdout", report.getString("control"));
    assertEquals("sequential", report.getString("method"));
    JsonObject holdout = arm(report, "holdout"), popular = arm(report, "popular");
    assertEquals(exposed.get("holdout").longValue(), holdout.getLong("shoppers"));
    assertEquals(exposed.get("popular").longValue(), popular.getLong("shoppers"));
    assertEquals(
        50.0 * popular.getLong("buyers"),
        popular.getDouble("revenue"),
        1e-9,
        "the purchase before exposure does not count; the customer's alone do");
    assertTrue(popular.getLong("buyers") >= exposed.get("popular") / 2 - 1, popular.encode());
    JsonObject attribution = popular.getJsonObject("attribution");
    assertEquals(
        popular.getDouble("revenue"),
        attribution.getDouble("click_through"),
        1e-9,
        "every purchase was of the item clicked in the block");
    assertEquals(popular.getDouble("revenue"), attribution.getDouble("view_through"), 1e-9);
    assertTrue(attribution.getDouble("incremental") > 0, attribution.encode());
    assertEquals(0.0, holdout.getJsonObject("attribution").getDouble("click_through"));

    // Four hundred shoppers are few for an interval valid at every look; read once, at the end:
    JsonObject fixed =
        server
            .admin("GET", "/v1/admin/experiments/home-vs-holdout/report?method=fixed", null, null)
            .json();
    assertEquals("fixed", fixed.getString("method"));
    JsonObject revenue = metric(fixed, "revenue_per_shopper");
    assertTrue(revenue.getBoolean("primary"));
    JsonObject lift =
        revenue.getJsonArray("comparisons").getJsonObject(0).getJsonObject("relative");
    assertTrue(lift.getDouble("low") > 0, "a lift whose interval excludes zero: " + lift.encode());
    assertTrue(!report.getJsonObject("sample_ratio").getBoolean("mismatch"), report.encode());

    ExperimentsCapability experiments = server.app.capability(ExperimentsCapability.class);
    assertEquals(2, (int) await(experiments.snapshotNow()), "one row per arm");
    JsonArray history =
        server
            .admin("GET", "/v1/admin/experiments/home-vs-holdout/report?method=fixed", null, null)
            .json()
            .getJsonArray("history");
    assertEquals(2, history.size(), "the snapshot's lift, then now's: " + history.encode());
    assertEquals(lift.getDouble("estimate"), history.getJsonObject(1).getDouble("estimate"), 1e-9);
    assertEquals("popular", history.getJsonObject(0).getString("arm"));
    Map<OutcomeBook.ArmKey, ArmTotals> online = await(experiments.totals("home-vs-holdout"));
    Map<OutcomeBook.ArmKey, ArmTotals> recomputed = await(experiments.recompute("home-vs-holdout"));
    assertEquals(online.keySet(), recomputed.keySet());
    online.forEach(
        (key, totals) -> {
          ArmTotals again = recomputed.get(key);
          assertEquals(again.shoppers(), totals.shoppers(), key.toString());
          assertEquals(again.buyers(), totals.buyers(), key.toString());
          assertEquals(again.revenue().sum(), totals.revenue().sum(), 1e-6, key.toString());
          assertEquals(again.revenue().sumSquares(), totals.revenue().sumSquares(), 1e-6);
          assertEquals(again.preRevenue().sum(), totals.preRevenue().sum(), 1e-6);
          assertEquals(again.clicks().sum(), totals.clicks().sum(), 1e-6);
          assertEquals(again.attributed().viewThrough(), totals.attributed().viewThrough(), 1e-6);
        });
  }

  @Test
  void aReportCapsRevenueAtAPercentileOfTheBuyersAndSaysWhere() throws Exception {
    assertEquals(
        201,
        server
            .admin(
                "PUT",
                "/v1/admin/blocks/side",
                "application/json",
                new JsonObject().put("algorithm", "popular").put("limit", 2).encode())
            .status());
    JsonObject experiment =
        new JsonObject()
            .put("id", "capped")
            .put("placement", new JsonObject().put("block", "side"))
            .put(
                "arms",
                new JsonArray()
                    .add(new JsonObject().put("key", "a"))
                    .add(new JsonObject().put("key", "b")));
    assertEquals(
        201,
        server
            .admin("POST", "/v1/admin/experiments", "application/json", experiment.encode())
            .status());
    assertEquals(
        200, server.admin("POST", "/v1/admin/experiments/capped/start", null, null).status());
    // Four buyers of 10, 20, 30 and 1,000, and a shopper who buys nothing.
    double[] spent = {10, 20, 30, 1000, 0};
    JsonArray events = new JsonArray();
    for (int s = 0; s < spent.length; s++) {
      assertEquals(200, server.get("/v1/blocks/side?visitor=cap-" + s).status());
      if (spent[s] > 0) events.add(purchase("cap-" + s, null, "i1", spent[s], "cap-order-" + s));
    }
    assertEquals(202, server.postEvents(events.encode()).status());
    JsonObject plain = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      plain = server.admin("GET", "/v1/admin/experiments/capped/report", null, null).json();
      if (arm(plain, "a").getDouble("revenue") + arm(plain, "b").getDouble("revenue") >= 1060)
        break;
      Thread.sleep(50);
    }
    JsonObject capped =
        server.admin("GET", "/v1/admin/experiments/capped/report?cap=0.5", null, null).json();
    // The median of the non-zero revenues, between 20 and 30.
    assertEquals(
        new JsonObject().put("percentile", 0.5).put("value", 25.0),
        capped.getJsonObject("revenue_cap"),
        capped.encode());
    double cappedRevenue = 0;
    for (String key : List.of("a", "b")) cappedRevenue += arm(capped, key).getDouble("revenue");
    assertEquals(10 + 20 + 25 + 25, cappedRevenue, 1e-9, capped.encode());
    assertEquals(null, plain.getJsonObject("revenue_cap"), "no cap unless asked");
    JsonObject atTheTop =
        server.admin("GET", "/v1/admin/experiments/capped/report?cap=1", null, null).json();
    for (String key : List.of("a", "b"))
      assertEquals(
          arm(plain, key).getDouble("revenue"),
          arm(atTheTop, key).getDouble("revenue"),
          1e-9,
          "capped at the largest: the totals counted online");
    Response refused =
        server.admin("GET", "/v1/admin/experiments/capped/report?cap=1.5", null, null);
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.problem("cap") != null, refused.body());
    assertEquals(
        200, server.admin("POST", "/v1/admin/experiments/capped/stop", null, null).status());
  }

  private static JsonObject awaitReport(int shoppers) throws InterruptedException {
    JsonObject report = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      Response r = server.admin("GET", "/v1/admin/experiments/home-vs-holdout/report", null, null);
      assertEquals(200, r.status(), r.body());
      report = r.json();
      long counted = 0, bought = 0;
      for (Object o : report.getJsonArray("arms")) {
        counted += ((JsonObject) o).getLong("shoppers");
        bought += ((JsonObject) o).getLong("buyers");
      }
      if (counted == shoppers && bought >= expectedBuyers()) return report;
      Thread.sleep(50);
    }
    return report;
  }

  /** At least the holdout's tenth and the block's half, less rounding. */
  private static long expectedBuyers() {
    return SHOPPERS / 10 / 2 + SHOPPERS / 2 / 2 - 2;
  }

  private static JsonObject arm(JsonObject report, String key) {
    for (Object o : report.getJsonArray("arms"))
      if (((JsonObject) o).getString("key").equals(key)) return (JsonObject) o;
    throw new AssertionError("no arm " + key + " in " + report.encode());
  }

  private static JsonObject metric(JsonObject report, String name) {
    for (Object o : report.getJsonArray("metrics"))
      if (((JsonObject) o).getString("metric").equals(name)) return (JsonObject) o;
    throw new AssertionError("no metric " + name);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
