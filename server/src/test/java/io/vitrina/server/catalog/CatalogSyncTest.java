package io.vitrina.server.catalog;

import static io.vitrina.server.TestServer.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog sync as stores do it, against the real service: nightly full feeds that repeat the
 * catalog, stock and price deltas as merge patches, listing, bulk delete, and the dates that make
 * {@code new_arrivals}. Every test uses ids and categories of its own, so they share one server.
 */
class CatalogSyncTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) server.close();
  }

  // ------------------------------------------------------------------ created_at

  @Test
  void reUpsertWithoutCreatedAtKeepsTheFirstOne() throws InterruptedException {
    upsert(item("keep-old", "Keep shelf", 3));
    Thread.sleep(5);
    upsert(item("keep-new", "Keep shelf", 3));
    String first = stored("keep-old").getString("created_at");
    assertEquals(List.of("keep-new", "keep-old"), newArrivals("Keep shelf"));

    Thread.sleep(5);
    // The nightly feed re-sends the old item with only its stock changed.
    Response r = post("/v1/admin/items", new JsonArray().add(item("keep-old", "Keep shelf", 9)));
    assertEquals(200, r.status(), r.body());
    assertEquals(1, r.json().getInteger("updated"), r.body());
    JsonObject after = stored("keep-old");
    assertEquals(9, after.getInteger("stock"));
    assertEquals(first, after.getString("created_at"), "a re-sent item is not a new arrival");
    assertEquals(List.of("keep-new", "keep-old"), newArrivals("Keep shelf"));

    // A date the store names wins, and is then kept by re-upserts that name none.
    upsert(item("keep-old", "Keep shelf", 9).put("created_at", "2030-01-01T00:00:00Z"));
    upsert(item("keep-old", "Keep shelf", 8));
    assertEquals("2030-01-01T00:00:00Z", stored("keep-old").getString("created_at"));
    assertEquals(List.of("keep-old", "keep-new"), newArrivals("Keep shelf"));
  }

  @Test
  void ymlOffersTakeTheirDateFromTheFeedOrTheirFirstImportNever1970() {
    Instant before = Instant.now();
    Response r =
        postYml(
            ymlFeed(
                "YmlDates",
                """
                <offer id="ymld-undated"><name>Undated</name><price>5</price><categoryId>1</categoryId></offer>
                <offer id="ymld-dated"><name>Dated</name><price>5</price><categoryId>1</categoryId><created_at>2024-02-03</created_at></offer>
                """));
    assertEquals(200, r.status(), r.body());
    assertEquals(2, r.json().getInteger("added"), r.body());
    Instant undated = Instant.parse(stored("ymld-undated").getString("created_at"));
    assertFalse(undated.isBefore(before.minusSeconds(1)), "dated " + undated);
    assertEquals("2024-02-03T00:00:00Z", stored("ymld-dated").getString("created_at"));
    assertEquals(List.of("ymld-undated", "ymld-dated"), newArrivals("YmlDates"));

    // The next night's feed is the same: nothing is new, nothing is written.
    Response again =
        postYml(
            ymlFeed(
                "YmlDates",
                """
                <offer id="ymld-undated"><name>Undated</name><price>5</price><categoryId>1</categoryId></offer>
                <offer id="ymld-dated"><name>Dated</name><price>5</price><categoryId>1</categoryId><created_at>2024-02-03</created_at></offer>
                """));
    assertEquals(200, again.status(), again.body());
    assertEquals(2, again.json().getInteger("unchanged"), again.body());
    assertEquals(undated.toString(), stored("ymld-undated").getString("created_at"));
  }

  // ------------------------------------------------------------------ PATCH

  @Test
  void patchKeepsWhatItDoesNotName() {
    upsert(
        item("patch-1", "Patch shelf", 4)
            .put("brand", "Pixelon")
            .put("tags", new JsonArray().add("5g"))
            .put("attributes", new JsonObject().put("color", "Black")));
    String created = stored("patch-1").getString("created_at");

    Response r = patch("patch-1", new JsonObject().put("stock", 0).put("price", 11.5));
    assertEquals(200, r.status(), r.body());
    assertEquals(0, r.json().getInteger("stock"));
    JsonObject after = stored("patch-1");
    assertEquals(0, after.getInteger("stock"));
    assertEquals(11.5, after.getDouble("price"));
    assertEquals(List.of("Shop", "Patch shelf"), after.getJsonArray("categories").getList());
    assertEquals("Pixelon", after.getString("brand"));
    assertEquals(List.of("5g"), after.getJsonArray("tags").getList());
    assertEquals("Black", after.getJsonObject("attributes").getString("color"));
    assertEquals(created, after.getString("created_at"));
  }

  @Test
  void patchNullRemovesAnOptionalFieldAndAttributesMergeKeyByKey() {
    upsert(
        item("patch-2", "Patch shelf", 4)
            .put("old_price", 30)
            .put("attributes", new JsonObject().put("color", "Black").put("size", "M")));

    Response r =
        patch(
            "patch-2",
            new JsonObject()
                .putNull("brand")
                .putNull("old_price")
                .put("category", "Shop > Patched shelf")
                .put("attributes", new JsonObject().putNull("color").put("size", "L")));
    assertEquals(200, r.status(), r.body());
    JsonObject after = stored("patch-2");
    assertNull(after.getValue("brand"));
    assertNull(after.getValue("old_price"));
    assertEquals(List.of("Shop", "Patched shelf"), after.getJsonArray("categories").getList());
    assertEquals(Map.of("size", "L"), after.getJsonObject("attributes").getMap());
  }

  @Test
  void patchWhoseResultIsInvalidChangesNothingAndNamesEveryProblem() {
    upsert(item("patch-3", "Patch shelf", 4));

    Response r =
        patch(
            "patch-3",
            new JsonObject()
                .putNull("title")
                .put("price", -1)
                .put("id", "another")
                .put("stock", 2));
    assertEquals(422, r.status(), r.body());
    assertEquals("invalid_item", r.json().getString("error"));
    List<String> fields = new ArrayList<>();
    for (Object e : r.json().getJsonArray("errors"))
      fields.add(((JsonObject) e).getString("field"));
    assertTrue(fields.containsAll(List.of("id", "title", "price")), r.body());
    assertEquals(4, stored("patch-3").getInteger("stock"), "a refused patch changes nothing");
  }

  @Test
  void patchOfAnUnknownItemIs404AndABodyThatIsNoObjectIs400() {
    assertEquals(404, patch("patch-none", new JsonObject().put("stock", 1)).status());
    upsert(item("patch-4", "Patch shelf", 4));
    Response array = server.admin("PATCH", "/v1/admin/items/patch-4", "application/json", "[1]");
    assertEquals(400, array.status(), array.body());
    Response text = server.admin("PATCH", "/v1/admin/items/patch-4", "text/csv", "stock,1");
    assertEquals(415, text.status(), text.body());
  }

  @Test
  void patchThatRestocksAnItemShowsItInBackInStock() {
    upsert(item("patch-kettle", "Patch kitchen", 0));
    assertEquals(
        202,
        server.postEvents(event("view_item", "patch-waiter", "patch-kettle").encode()).status());

    assertEquals(200, patch("patch-kettle", new JsonObject().put("stock", 6)).status());

    Response r = server.get("/v1/recommendations/back_in_stock?visitor=patch-waiter&limit=3");
    assertEquals("patch-kettle", r.itemIds().get(0), r.body());
    assertEquals("back_in_stock", r.items().getJsonObject(0).getString("source"), r.body());
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM items WHERE id = 'patch-kettle' AND restocked_at IS NOT NULL"));
  }

  // ------------------------------------------------------------------ bulk merge

  @Test
  void mergeModeChangesOnlyWhatEachLineNames() {
    upsert(
        item("delta-1", "Delta shelf", 4).put("tags", new JsonArray().add("new")),
        item("delta-2", "Delta shelf", 4).put("tags", new JsonArray().add("new")));

    Response r =
        server.admin(
            "POST",
            "/v1/admin/items?mode=merge",
            "application/x-ndjson",
            "{\"id\": \"delta-1\", \"stock\": 0}\n{\"id\": \"delta-2\", \"price\": 7}\n");
    assertEquals(200, r.status(), r.body());
    assertEquals(2, r.json().getInteger("updated"), r.body());
    JsonObject one = stored("delta-1");
    assertEquals(0, one.getInteger("stock"));
    assertEquals(List.of("Shop", "Delta shelf"), one.getJsonArray("categories").getList());
    assertEquals(List.of("new"), one.getJsonArray("tags").getList());
    assertTrue(one.getString("brand").startsWith("Brand"));
    assertEquals(7.0, stored("delta-2").getDouble("price"));
    assertEquals(4, stored("delta-2").getInteger("stock"));
  }

  @Test
  void mergeLineForAnUnknownIdIsCreatedWhenWholeAndOtherwiseSkippedWithTheReason() {
    JsonArray lines =
        new JsonArray()
            .add(item("delta-whole", "Delta shelf", 2))
            .add(new JsonObject().put("id", "delta-stock-only").put("stock", 3))
            .add(new JsonObject().put("stock", 3));
    Response r = post("/v1/admin/items?mode=merge", lines);
    assertEquals(422, r.status(), r.body());
    assertEquals(1, r.json().getInteger("added"), r.body());
    assertEquals(2, r.json().getInteger("skipped"), r.body());
    assertEquals(200, server.admin("GET", "/v1/admin/items/delta-whole", null, null).status());
    assertEquals(404, server.admin("GET", "/v1/admin/items/delta-stock-only", null, null).status());
    JsonArray errors = r.json().getJsonArray("errors");
    assertTrue(
        errors.stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                e ->
                    e.getInteger("index") == 1
                        && "id".equals(e.getString("field"))
                        && e.getString("message").contains("no item 'delta-stock-only' to patch")),
        r.body());
    assertTrue(
        errors.stream()
            .map(JsonObject.class::cast)
            .anyMatch(e -> e.getInteger("index") == 2 && "id".equals(e.getString("field"))),
        r.body());
  }

  @Test
  void mergeModeTakesNoMissingSweepAndUnknownModesAreNamed() {
    Response both = post("/v1/admin/items?mode=merge&missing=unavailable", new JsonArray());
    assertEquals(400, both.status(), both.body());
    assertTrue(both.body().contains("missing"), both.body());
    Response mode = post("/v1/admin/items?mode=upsert", new JsonArray());
    assertEquals(400, mode.status(), mode.body());
    assertTrue(mode.body().contains("mode"), mode.body());
  }

  // ------------------------------------------------------------------ imports that repeat

  @Test
  void reImportOfTheSameItemsIsUnchangedAndRewritesNoRow() {
    JsonArray feed = new JsonArray();
    for (int i = 0; i < 5; i++) feed.add(item("same-" + i, "Same shelf", 2));
    Response first = post("/v1/admin/items", feed);
    assertEquals(5, first.json().getInteger("added"), first.body());
    long writtenBefore = upsertedMetric();
    long stampBefore = lastWrite("same-%");

    Response again = post("/v1/admin/items", feed);
    assertEquals(200, again.status(), again.body());
    assertEquals(0, again.json().getInteger("added"), again.body());
    assertEquals(0, again.json().getInteger("updated"), again.body());
    assertEquals(5, again.json().getInteger("unchanged"), again.body());
    assertEquals(5, again.json().getInteger("upserted"), again.body());
    assertEquals(stampBefore, lastWrite("same-%"), "an unchanged item's row was written again");
    assertEquals(writtenBefore, upsertedMetric(), "an unchanged item was written again");

    feed.set(2, item("same-2", "Same shelf", 7));
    Response oneChanged = post("/v1/admin/items", feed);
    assertEquals(1, oneChanged.json().getInteger("updated"), oneChanged.body());
    assertEquals(4, oneChanged.json().getInteger("unchanged"), oneChanged.body());
    assertEquals(writtenBefore + 1, upsertedMetric());
  }

  @Test
  void ymlFeedWhoseEveryOfferIsSkippedIsAnErrorWithTheReasons() {
    Response r =
        postYml(
            ymlFeed(
                "YmlBroken",
                """
                <offer id="ymlb-1"><name>No price</name><categoryId>1</categoryId></offer>
                <offer id="ymlb-2"><price>4</price><categoryId>1</categoryId></offer>
                """));
    assertEquals(422, r.status(), r.body());
    assertEquals("no_usable_offers", r.json().getString("error"));
    assertEquals(2, r.json().getInteger("skipped"), r.body());
    assertEquals(2, r.json().getJsonArray("errors").size(), r.body());

    Response empty = postYml(ymlFeed("YmlEmpty", ""));
    assertEquals(422, empty.status(), empty.body());
    assertTrue(empty.json().getString("message").contains("no offers"), empty.body());
  }

  // ------------------------------------------------------------------ listing

  @Test
  void listingPagesByIdAndFiltersByCategoryAtAnyLevelAndByStock() {
    upsert(
        item("list-a", "List Shelf", 3),
        item("list-b", "List Shelf", 0),
        item("list-c", "List Shelf", 3).put("available", false),
        item("list-d", "List Shelf", 1),
        item("list-e", "Other list shelf", 1));

    List<String> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Response r =
          server.admin(
              "GET",
              "/v1/admin/items?category=list+shelf&limit=2"
                  + (after == null ? "" : "&after=" + after),
              null,
              null);
      assertEquals(200, r.status(), r.body());
      for (Object o : r.json().getJsonArray("items")) seen.add(((JsonObject) o).getString("id"));
      after = r.json().getString("next");
      pages++;
    } while (after != null && pages < 10);
    assertEquals(List.of("list-a", "list-b", "list-c", "list-d"), seen);
    assertEquals(2, pages, "a last full page must not promise another");

    // The root level matches too, here with the other shelf's item.
    assertTrue(ids("/v1/admin/items?category=SHOP&limit=1000").contains("list-e"));
    assertEquals(
        List.of("list-a", "list-d"), ids("/v1/admin/items?category=List%20Shelf&available=true"));
    assertEquals(
        List.of("list-b", "list-c"), ids("/v1/admin/items?category=List%20Shelf&available=false"));
  }

  @Test
  void listingNamesEveryBadParameter() {
    Response r = server.admin("GET", "/v1/admin/items?limit=0&available=yes", null, null);
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("\"limit\"") && r.body().contains("\"available\""), r.body());
  }

  // ------------------------------------------------------------------ bulk delete

  @Test
  void bulkDeleteAnswersWhatWasDeletedAndWhatWasNotThereAndTheIndexForgetsIt() {
    upsert(item("gone-1", "Gone shelf", 3), item("gone-2", "Gone shelf", 3));
    assertEquals(200, server.get("/v1/recommendations/similar?item=gone-1").status());

    Response r =
        post(
            "/v1/admin/items/delete",
            new JsonObject().put("ids", new JsonArray().add("gone-1").add("gone-2").add("gone-x")));
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("gone-1", "gone-2"), sorted(r.json().getJsonArray("deleted")));
    assertEquals(List.of("gone-x"), r.json().getJsonArray("not_found").getList());
    assertEquals(404, server.get("/v1/recommendations/similar?item=gone-1").status());
    assertEquals(0, server.sqlLong("SELECT count(*) FROM items WHERE id LIKE 'gone-%'"));

    Response empty = post("/v1/admin/items/delete", new JsonObject().put("ids", new JsonArray()));
    assertEquals(400, empty.status(), empty.body());
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject item(String id, String category, int stock) {
    return TestServer.item(id, category, 10, stock);
  }

  private static void upsert(JsonObject... items) {
    JsonArray array = new JsonArray();
    for (JsonObject item : items) array.add(item);
    server.upsertItems(array);
  }

  private static Response post(String path, Object body) {
    String json = body instanceof JsonArray a ? a.encode() : ((JsonObject) body).encode();
    return server.admin("POST", path, "application/json", json);
  }

  private static Response patch(String id, JsonObject patch) {
    return server.admin(
        "PATCH", "/v1/admin/items/" + id, "application/merge-patch+json", patch.encode());
  }

  private static Response postYml(String feed) {
    return server.admin("POST", "/v1/admin/feeds/yml", "application/xml", feed);
  }

  private static JsonObject stored(String id) {
    Response r = server.admin("GET", "/v1/admin/items/" + id, null, null);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private static List<String> newArrivals(String category) {
    Response r =
        server.get(
            "/v1/recommendations/new_arrivals?limit=10&category=" + category.replace(" ", "%20"));
    assertEquals(200, r.status(), r.body());
    return r.itemIds();
  }

  private static List<String> ids(String path) {
    Response r = server.admin("GET", path, null, null);
    assertEquals(200, r.status(), r.body());
    List<String> out = new ArrayList<>();
    for (Object o : r.json().getJsonArray("items")) out.add(((JsonObject) o).getString("id"));
    return out;
  }

  private static List<String> sorted(JsonArray ids) {
    List<String> out = new ArrayList<>();
    for (Object id : ids) out.add((String) id);
    out.sort(null);
    return out;
  }

  /** The latest row write of the items matching {@code pattern}, in microseconds. */
  private static long lastWrite(String pattern) {
    return server.sqlLong(
        "SELECT (extract(epoch FROM max(updated_at)) * 1000000)::bigint FROM items WHERE id LIKE '"
            + pattern
            + "'");
  }

  private static long upsertedMetric() {
    Matcher m =
        Pattern.compile("(?m)^vitrina_items_upserted_total (\\d+)")
            .matcher(server.get("/metrics").body());
    assertTrue(m.find(), "no vitrina_items_upserted_total in /metrics");
    return Long.parseLong(m.group(1));
  }

  private static String ymlFeed(String category, String offers) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <yml_catalog date="2026-11-20 12:00"><shop>
        <categories><category id="1">%s</category></categories>
        <offers>
        %s
        </offers></shop></yml_catalog>"""
        .formatted(category, offers);
  }
}
