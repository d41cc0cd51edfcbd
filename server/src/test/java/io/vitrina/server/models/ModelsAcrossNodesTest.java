package io.vitrina.server.models;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestPostgres;
import io.vitrina.server.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model built on one node serves on every node: the others build the same cut of the event log,
 * so they serve the same version, built as of the same time from the same events.
 */
class ModelsAcrossNodesTest {
  @Test
  void aModelBuiltOnOneNodeServesOnTheOtherAndOnANodeStartedLater() {
    String pgUrl = TestPostgres.newDatabase();
    try (TestServer a = TestServer.startOn(pgUrl);
        TestServer b = startWithItems(a, pgUrl)) {
      for (int s = 0; s < 12; s++)
        for (int i = s % 5; i < s % 5 + 4; i++)
          assertEquals(
              202,
              (s % 2 == 0 ? a : b)
                  .postEvents(event("view_item", "v" + s, "i" + i).encode())
                  .status());

      a.rebuildModel();
      JsonObject onA = current(a);
      JsonObject onB = eventually(b, onA.getLong("version"));
      assertEquals(onA.encode(), withoutBuildTime(onB, onA), "the same model on both nodes");
      String similar = "/v1/recommendations/also_viewed?item=i2";
      assertFalse(modelItems(a, similar).isEmpty(), "the model answers");
      assertEquals(modelItems(a, similar), modelItems(b, similar));

      try (TestServer later = TestServer.startOn(pgUrl)) {
        JsonObject onLater = eventually(later, onA.getLong("version"));
        assertEquals(onA.getLong("version"), onLater.getLong("version"), "no new cut at start");
        assertEquals(modelItems(a, similar), modelItems(later, similar));
      }
    }
  }

  /**
   * The answer's items from the model's indicators. Not the fallbacks': the items here share their
   * category and most of their title, so the content fallback's scores tie in groups, and ties
   * follow each node's document order, which its own rewrites decide.
   */
  private static List<String> modelItems(TestServer node, String path) {
    List<String> ids = new ArrayList<>();
    for (Object o : node.get(path).items()) {
      JsonObject item = (JsonObject) o;
      if (item.getString("source").equals("also_viewed")) ids.add(item.getString("id"));
    }
    return ids;
  }

  /** A second node, started once the first has the catalog. */
  private static TestServer startWithItems(TestServer first, String pgUrl) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < 10; i++) items.add(item("i" + i, "Shelf", 10, 5));
    first.upsertItems(items);
    return TestServer.startOn(pgUrl);
  }

  private static JsonObject current(TestServer node) {
    return node.admin("GET", "/v1/admin/models/current", null, null).json();
  }

  /** {@code other} with the build's duration of {@code like}: the one field that may differ. */
  private static String withoutBuildTime(JsonObject other, JsonObject like) {
    return other.copy().put("build_millis", like.getValue("build_millis")).encode();
  }

  /** The node's model once it serves {@code version}, or what it serves after ten seconds. */
  private static JsonObject eventually(TestServer node, long version) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    JsonObject model = current(node);
    while (!Long.valueOf(version).equals(model.getLong("version"))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      model = current(node);
    }
    return model;
  }
}
