package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.server.ApiDescription.Operation;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Since a parameter an endpoint does not take is refused, the description must list exactly those
 * it takes, or a client generated from it sends what is refused or misses what is taken. An
 * endpoint names what it takes when it refuses one: that list is compared with its description.
 */
class DescribedParametersTest {
  private static final String UNKNOWN = "zz_not_a_parameter";
  private static final String TAKES = "unknown parameter; the parameters here are ";

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    TestServer.Response block =
        server.admin(
            "PUT", "/v1/admin/blocks/home", "application/json", "{\"algorithm\":\"popular\"}");
    assertEquals(201, block.status(), block.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Each operation that reads its parameters with the shared reader, and how to ask it. */
  private static final Map<String, Function<String, TestServer.Response>> ASK =
      Map.of(
          "getRecommendations", query -> server.get("/v1/recommendations/popular?" + query),
          "search", query -> server.get("/v1/search?" + query),
          "listAlgorithms", query -> server.get("/v1/algorithms?" + query),
          "getBlock", query -> server.get("/v1/blocks/home?" + query),
          "rankListing",
              query ->
                  server.send(
                      HttpRequest.newBuilder(URI.create(server.base() + "/v1/rank?" + query))
                          .header("X-Site-Key", TestServer.SITE_KEY)
                          .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[\"x\"]}"))),
          "shopperAffinities",
              query -> server.admin("GET", "/v1/admin/shoppers/affinities?" + query, null, null),
          "exportProfile", query -> server.admin("GET", "/v1/admin/profiles?" + query, null, null));

  @Test
  void everyParameterAnEndpointTakesIsDescribedAndNoOther() {
    ApiDescription api = ApiDescription.load();
    Map<String, Operation> operations = api.operations();
    for (var ask : ASK.entrySet()) {
      Operation op = operations.get(ask.getKey());
      assertTrue(op != null, "no operation " + ask.getKey());
      Set<String> described = new TreeSet<>();
      for (Map<String, Object> p : op.parameters(api))
        if ("query".equals(p.get("in"))) described.add((String) p.get("name"));
      described.add("site_key"); // the site key's query scheme (siteKeyQuery), known everywhere

      TestServer.Response r = ask.getValue().apply(UNKNOWN + "=1");
      assertEquals(400, r.status(), op.id() + ": " + r.body());
      String message = r.problem(UNKNOWN);
      assertTrue(message != null && message.startsWith(TAKES), op.id() + ": " + r.body());
      Set<String> taken =
          new TreeSet<>(Arrays.asList(message.substring(TAKES.length()).split(", ")));
      assertEquals(described, taken, op.id() + ": described (expected) vs taken (actual)");
    }
  }

  @Test
  void aDescribedParameterIsTaken() {
    // The other way round, for one: what the description lists is not refused.
    for (String parameter : List.of("visitor", "customer", "brand", "exclude", "cart", "q"))
      assertEquals(
          200,
          server.get("/v1/blocks/home?" + parameter + "=x").status(),
          parameter + " is described for getBlock");
  }
}
