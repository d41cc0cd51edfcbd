package io.vitrina.server.audiences;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audiences through the real API: events become affinities, the profile index job writes them, and
 * look-alikes and audiences by taste are answered from it.
 */
class AudiencesApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    JsonArray items = new JsonArray();
    for (int i = 1; i <= 4; i++) {
      items.add(item("phone-" + i, "Phones", 300, 5));
      items.add(item("case-" + i, "Cases", 15, 5));
    }
    server.upsertItems(items);
    JsonArray events = new JsonArray();
    events.add(event("view_item", "pat", "phone-1"));
    events.add(event("view_item", "pat", "phone-2"));
    events.add(event("view_item", "pia", "phone-3"));
    events.add(event("view_item", "cal", "case-1"));
    events.add(event("purchase", "cal", "case-2"));
    assertEquals(202, server.postEvents(events.encode()).status());
    awaitIndexed(3);
  }

  /** The profile index job runs every second: waits until it wrote what is pending. */
  private static void awaitIndexed(int shoppers) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      JsonObject answer =
          byAffinity(new JsonObject().put("category", new JsonObject().put("Shop", 1))).json();
      if (answer.getInteger("indexed") >= shoppers && answer.getInteger("pending") == 0) return;
      Thread.sleep(100);
    }
    fail("the profile index did not catch up");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response byAffinity(JsonObject affinities) {
    return post("/v1/admin/audiences/by-affinity", new JsonObject().put("affinities", affinities));
  }

  private static Response post(String path, JsonObject body) {
    return server.admin("POST", path, "application/json", body.encode());
  }

  private static List<String> visitors(Response answer) {
    assertEquals(200, answer.status(), answer.body());
    return answer.json().getJsonArray("shoppers").stream()
        .map(s -> ((JsonObject) s).getString("visitor"))
        .toList();
  }

  @Test
  void aShoppersAffinitiesComeFromTheirEvents() {
    Response answer = server.admin("GET", "/v1/admin/shoppers/affinities?visitor=cal", null, null);
    assertEquals(200, answer.status(), answer.body());
    assertEquals("cal", answer.json().getJsonObject("shopper").getString("visitor"));
    JsonArray categories = answer.json().getJsonObject("affinities").getJsonArray("category");
    List<String> values =
        categories.stream().map(c -> ((JsonObject) c).getString("value")).toList();
    assertTrue(values.containsAll(List.of("Shop", "Cases")), values.toString());
    assertFalse(values.contains("Phones"));
    JsonArray bands = answer.json().getJsonObject("affinities").getJsonArray("price_band");
    assertEquals("10-20", bands.getJsonObject(0).getString("value"));
  }

  @Test
  void anUnknownShopperIsNotFoundAndAShopperMustBeNamed() {
    assertEquals(
        404,
        server.admin("GET", "/v1/admin/shoppers/affinities?visitor=nobody", null, null).status());
    Response unnamed = server.admin("GET", "/v1/admin/shoppers/affinities", null, null);
    assertEquals(400, unnamed.status());
    assertTrue(unnamed.body().contains("customer"), unnamed.body());
  }

  @Test
  void lookalikesShareTheSeedsTasteAndLeaveTheSeedOut() {
    List<String> like =
        visitors(
            post(
                "/v1/admin/audiences/lookalikes",
                new JsonObject()
                    .put("seed", new JsonArray().add(new JsonObject().put("visitor", "pat")))
                    .put("size", 2)));
    assertEquals("pia", like.get(0), like.toString());
    assertFalse(like.contains("pat"));
  }

  @Test
  void anAudienceByTasteRanksWhoLikesTheValue() {
    List<String> cases =
        visitors(byAffinity(new JsonObject().put("category", new JsonObject().put("Cases", 1))));
    assertEquals(List.of("cal"), cases);
  }

  @Test
  void aBadRequestNamesEveryProblem() {
    Response answer =
        post(
            "/v1/admin/audiences/lookalikes",
            new JsonObject()
                .put("seed", new JsonArray().add(new JsonObject()))
                .put("by", "magic")
                .put("size", 0));
    assertEquals(400, answer.status());
    for (String field : List.of("seed[0].customer", "by", "size"))
      assertTrue(answer.body().contains("\"" + field + "\""), field + " in " + answer.body());

    Response facet = byAffinity(new JsonObject().put("colour", new JsonObject().put("red", 1)));
    assertEquals(400, facet.status());
    assertTrue(facet.body().contains("affinities.colour"), facet.body());
  }

  @Test
  void aMisspelledFieldOrParameterIsNamedWithTheOneItMeant() {
    Response body =
        post(
            "/v1/admin/audiences/lookalikes",
            new JsonObject()
                .put("seed", new JsonArray().add(new JsonObject().put("custmer", "42")))
                .put("sise", 10));
    assertEquals(400, body.status(), body.body());
    assertEquals("invalid_input", body.json().getString("error"));
    assertEquals("unknown field; did you mean \"size\"?", body.problem("sise"));
    assertEquals("unknown field; did you mean \"customer\"?", body.problem("seed[0].custmer"));

    Response facet = byAffinity(new JsonObject().put("brnd", new JsonObject().put("Acme", 1)));
    assertEquals("unknown facet; did you mean \"brand\"?", facet.problem("affinities.brnd"));

    Response query = server.admin("GET", "/v1/admin/shoppers/affinities?vistor=pat", null, null);
    assertEquals(400, query.status(), query.body());
    assertEquals("invalid_parameter", query.json().getString("error"));
    assertEquals("unknown parameter; did you mean \"visitor\"?", query.problem("vistor"));
    assertEquals("is required (or visitor)", query.problem("customer"));
  }
}
