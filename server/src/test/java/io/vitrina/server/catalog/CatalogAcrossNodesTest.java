package io.vitrina.server.catalog;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database: every catalog write made on one (upsert, patch, delete, a full feed's
 * sweep, a restock) is served by the other soon after, cached answers included, and a node started
 * later has the catalog as it is.
 */
class CatalogAcrossNodesTest {
  /** Answers of algorithms that are the same for everybody are cached per searcher. */
  private static final String NEWEST = "/v1/recommendations/new_arrivals?limit=50&fallback=none";

  /** Items written one at a time on one node and awaited on the other, for the delay. */
  private static final int ARRIVALS = 20;

  @Test
  void upsertsPatchesAndDeletionsOnOneNodeAreServedByTheOther() {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg);
        TestServer b = TestServer.startOn(pg)) {
      // One item at a time, each answer of B's cached until the item reaches it.
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < ARRIVALS; i++) {
        String id = "kettle-" + i;
        a.upsertItems(new JsonArray().add(item(id, "Kitchen", 30, 5)));
        long written = System.nanoTime();
        List<String> onB = eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.contains(id));
        delays.add((System.nanoTime() - written) / 1_000_000);
        assertTrue(onB.contains(id), "an item upserted on A is served by B: " + onB);
      }
      delays.sort(null);
      System.out.printf(
          "An upsert answered on A was served by B after %d ms (median of %d), %d ms at most%n",
          delays.get(ARRIVALS / 2), ARRIVALS, delays.getLast());

      a.upsertItems(new JsonArray().add(item("teapot", "Kitchen", 25, 5)));
      assertTrue(
          eventually(() -> b.get("/v1/search?q=teapot").itemIds(), ids -> ids.contains("teapot"))
              .contains("teapot"),
          "and found by B's search");

      Response patched =
          a.admin("PATCH", "/v1/admin/items/teapot", "application/json", "{\"price\": 19.5}");
      assertEquals(200, patched.status(), patched.body());
      assertEquals(19.5, eventually(() -> priceOn(b, "teapot"), price -> price == 19.5));

      Response deleted = a.admin("DELETE", "/v1/admin/items/kettle-0", null, null);
      assertEquals(204, deleted.status(), deleted.body());
      assertFalse(
          eventually(() -> b.get(NEWEST).itemIds(), ids -> !ids.contains("kettle-0"))
              .contains("kettle-0"));
      assertEquals(
          404,
          eventually(
              () -> b.get("/v1/recommendations/similar?item=kettle-0").status(), s -> s == 404),
          "B no longer knows the deleted item");
    }
  }

  @Test
  void aFullFeedOnOneNodeMarksTheMissingUnavailableOnTheOther() {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg);
        TestServer b = TestServer.startOn(pg)) {
      JsonArray all = new JsonArray();
      for (int i = 0; i < 6; i++) all.add(item("i" + i, "Kitchen", 10 + i, 5));
      b.upsertItems(all);
      assertEquals(6, eventually(() -> a.get(NEWEST).itemIds(), ids -> ids.size() == 6).size());

      JsonArray feed = new JsonArray();
      for (int i = 0; i < 4; i++) feed.add(item("i" + i, "Kitchen", 10 + i, 5));
      Response r =
          a.admin("POST", "/v1/admin/items?missing=unavailable", "application/json", feed.encode());
      assertEquals(200, r.status(), r.body());
      assertEquals(2, r.json().getInteger("marked_unavailable"), r.body());

      List<String> onB = eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.size() == 4);
      assertEquals(List.of("i0", "i1", "i2", "i3"), onB.stream().sorted().toList());
    }
  }

  @Test
  void anOutOfStockChangeOnOneNodeLeavesTheOthersCachedPopularAnswer() {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg);
        TestServer b = TestServer.startOn(pg)) {
      JsonArray items = new JsonArray();
      for (int i = 0; i < 5; i++) items.add(item("p" + i, "Phones", 100 + i, 3));
      a.upsertItems(items);
      eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.size() == 5);
      // p0 sells most, so it leads popular.
      for (int s = 0; s < 6; s++) {
        TestServer node = s % 2 == 0 ? a : b;
        assertEquals(202, node.postEvents(event("purchase", "buyer" + s, "p0").encode()).status());
        if (s < 2)
          assertEquals(
              202, node.postEvents(event("purchase", "buyer" + s, "p1").encode()).status());
      }
      String popular = "/v1/recommendations/popular?limit=3&fallback=none";
      a.rebuildModel();
      b.rebuildModel();
      List<String> before = b.get(popular).itemIds();
      assertEquals("p0", before.getFirst(), "the best seller leads: " + before);
      assertEquals(before, b.get(popular).itemIds(), "served again from B's cache");

      Response r = a.admin("PATCH", "/v1/admin/items/p0", "application/json", "{\"stock\": 0}");
      assertEquals(200, r.status(), r.body());
      List<String> after = eventually(() -> b.get(popular).itemIds(), ids -> !ids.contains("p0"));
      assertFalse(after.contains("p0"), "out of stock on A, gone from B's popular: " + after);
      assertEquals("p1", after.getFirst(), after.toString());
    }
  }

  @Test
  void aRestockOnOneNodeReachesTheShoppersOfTheOther() {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg);
        TestServer b = TestServer.startOn(pg)) {
      a.upsertItems(
          new JsonArray().add(item("kettle", "Kitchen", 30, 0)).add(item("mug", "Kitchen", 5, 4)));
      eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.contains("mug"));
      assertEquals(202, b.postEvents(event("view_item", "waiting", "kettle").encode()).status());
      a.upsertItems(new JsonArray().add(item("kettle", "Kitchen", 30, 7)));
      String block = "/v1/recommendations/back_in_stock?visitor=waiting&limit=3&fallback=none";
      Response r = eventually(() -> b.get(block), got -> got.itemIds().contains("kettle"));
      assertEquals(List.of("kettle"), r.itemIds(), r.body());
      assertEquals("back in stock", r.items().getJsonObject(0).getString("explanation"));
    }
  }

  @Test
  void writesOfOneItemOnBothNodesAtOnceEndAsPostgresqlHoldsThem() throws Exception {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg);
        TestServer b = TestServer.startOn(pg)) {
      a.upsertItems(new JsonArray().add(item("lamp", "Home", 1, 5)));
      eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.contains("lamp"));
      ExecutorService writers = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (TestServer node : List.of(a, b)) {
          int offset = node == a ? 0 : 1;
          done.add(
              writers.submit(
                  () -> {
                    for (int i = 0; i < 20; i++) {
                      String patch = new JsonObject().put("price", 2 * i + offset + 10).encode();
                      Response r =
                          node.admin("PATCH", "/v1/admin/items/lamp", "application/json", patch);
                      assertEquals(200, r.status(), r.body());
                    }
                  }));
        }
        for (Future<?> f : done) f.get();
      } finally {
        writers.shutdown();
      }
      double stored =
          new JsonObject(a.admin("GET", "/v1/admin/items/lamp", null, null).body())
              .getDouble("price");
      assertEquals(stored, eventually(() -> priceOn(a, "lamp"), price -> price == stored));
      assertEquals(stored, eventually(() -> priceOn(b, "lamp"), price -> price == stored));
    }
  }

  @Test
  void aNodeStartedLaterHasTheCatalogAndFollowsIt() {
    String pg = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pg)) {
      a.upsertItems(
          new JsonArray().add(item("early", "Home", 5, 2)).add(item("gone", "Home", 5, 2)));
      assertEquals(204, a.admin("DELETE", "/v1/admin/items/gone", null, null).status());
      try (TestServer b = TestServer.startOn(pg)) {
        assertEquals(List.of("early"), b.get(NEWEST).itemIds());
        a.upsertItems(new JsonArray().add(item("later", "Home", 5, 2)));
        List<String> onB = eventually(() -> b.get(NEWEST).itemIds(), ids -> ids.size() == 2);
        assertEquals(List.of("early", "later"), onB.stream().sorted().toList());
      }
    }
  }

  /** The price {@code node}'s search serves for {@code id}, or -1. */
  private static double priceOn(TestServer node, String id) {
    for (Object o : node.get("/v1/search?q=" + id).items()) {
      JsonObject item = (JsonObject) o;
      if (id.equals(item.getString("id"))) return item.getDouble("price");
    }
    return -1;
  }

  /** What {@code read} answers once {@code done} holds of it, or after ten seconds. */
  private static <T> T eventually(Supplier<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    T last = read.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      last = read.get();
    }
    return last;
  }
}
