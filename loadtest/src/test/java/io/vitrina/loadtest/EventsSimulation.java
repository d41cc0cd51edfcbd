package io.vitrina.loadtest;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Write path: POST /v1/events with a batch (JSON array) of GA4-style events, expecting 202
 * {"accepted": N}. Each virtual user posts one batch of {@code vitrina.batchSize} events built from
 * realistic sessions of fresh load-test visitors (lt-visitor-...): a few view_item, sometimes a
 * search, add_to_cart of a viewed item, and a purchase with quantity and price. With batchSize=1 a
 * single event object (not an array) is posted.
 *
 * <pre>
 * mvn -pl loadtest test-compile gatling:test -Dgatling.simulationClass=io.vitrina.loadtest.EventsSimulation \
 *     -Dvitrina.rps=200 -Dvitrina.batchSize=20
 * </pre>
 */
public final class EventsSimulation extends Simulation {

  private static final String[] SEARCH_TERMS = {
    "shoes", "red dress", "laptop bag", "coffee", "headphones", "winter jacket", "gift", "lamp"
  };

  private final LoadConfig cfg = new LoadConfig();
  private final int batchSize = LoadConfig.integer("vitrina.batchSize", 20);
  private final String runTag = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicLong visitorCounter = new AtomicLong();

  private final Iterator<Map<String, Object>> feeder =
      Stream.generate(
              () -> {
                List<String> events = batch();
                String body =
                    events.size() == 1 ? events.get(0) : "[" + String.join(",", events) + "]";
                return Map.<String, Object>of("body", body, "count", events.size());
              })
          .iterator();

  private final ScenarioBuilder scn =
      scenario("events")
          .feed(feeder)
          .exec(
              http("POST /v1/events (batch of " + batchSize + ")")
                  .post("/v1/events")
                  .header("Content-Type", "application/json")
                  .body(StringBody("#{body}"))
                  .requestTimeout(cfg.requestTimeout())
                  .check(status().is(202))
                  .check(jsonPath("$.accepted").ofInt().is(session -> session.getInt("count"))));

  {
    if (batchSize < 1 || batchSize > 10_000) {
      throw new IllegalArgumentException("vitrina.batchSize must be in [1, 10000]");
    }
    System.out.println(
        "[vitrina-loadtest] "
            + cfg.describe(
                "EventsSimulation",
                " | batchSize=" + batchSize + " (events/s ~ users/s x batchSize)"));
    setUp(cfg.inject(scn))
        .protocols(cfg.protocol())
        .assertions(cfg.assertions())
        .maxDuration(cfg.maxDuration());
  }

  /** Concatenates sessions of fresh visitors until the batch holds exactly batchSize events. */
  private List<String> batch() {
    List<String> events = new ArrayList<>(batchSize);
    while (events.size() < batchSize) {
      session(events);
    }
    return events.subList(0, batchSize);
  }

  /** One shopping session: browse (with an optional search), maybe add to cart, maybe buy. */
  private void session(List<String> out) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String visitor = "lt-visitor-" + runTag + "-" + visitorCounter.incrementAndGet();
    if (rnd.nextDouble() < 0.2) {
      out.add(
          "{\"name\":\"search\",\"visitor_id\":\""
              + visitor
              + "\",\"search_term\":\""
              + SEARCH_TERMS[rnd.nextInt(SEARCH_TERMS.length)]
              + "\"}");
    }
    int views = 1 + rnd.nextInt(6);
    List<String> viewed = new ArrayList<>(views);
    for (int i = 0; i < views; i++) {
      String item = randomItem(rnd);
      viewed.add(item);
      out.add(event("view_item", visitor, "{\"item_id\":\"" + item + "\"}"));
    }
    if (rnd.nextDouble() < 0.3) {
      String item = viewed.get(rnd.nextInt(viewed.size()));
      out.add(event("add_to_cart", visitor, "{\"item_id\":\"" + item + "\",\"quantity\":1}"));
      if (rnd.nextDouble() < 0.4) {
        int quantity = 1 + (rnd.nextDouble() < 0.2 ? rnd.nextInt(3) : 0);
        double price = 5 + rnd.nextInt(19_500) / 100.0;
        out.add(
            event(
                "purchase",
                visitor,
                String.format(
                    Locale.ROOT,
                    "{\"item_id\":\"%s\",\"quantity\":%d,\"price\":%.2f}",
                    item,
                    quantity,
                    price)));
      }
    }
  }

  /** Mildly skewed towards low ids so some items are clearly more popular than others. */
  private String randomItem(ThreadLocalRandom rnd) {
    double u = rnd.nextDouble();
    int n = 1 + (int) (cfg.demoItems * u * u);
    return cfg.demoItem(Math.min(n, cfg.demoItems));
  }

  private static String event(String name, String visitor, String itemJson) {
    return "{\"name\":\""
        + name
        + "\",\"visitor_id\":\""
        + visitor
        + "\",\"items\":["
        + itemJson
        + "]}";
  }
}
