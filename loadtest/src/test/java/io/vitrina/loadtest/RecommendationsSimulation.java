package io.vitrina.loadtest;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Read path: GET /v1/recommendations/{algorithm}?visitor=..&limit=..[&item=..].
 *
 * <p>Each virtual user makes one request. Visitors are drawn from the demo store
 * (demo-visitor-0001..N) plus a share of never-seen visitors (cold start); items from sku-00001..M.
 * Mix: personal ~70%, popular 10%, similar 10%, also_viewed 10%.
 *
 * <pre>
 * mvn -pl loadtest test-compile gatling:test -Dgatling.simulationClass=io.vitrina.loadtest.RecommendationsSimulation \
 *     -Dvitrina.rps=500 -Dvitrina.durationSeconds=30
 * mvn ... -Dvitrina.mode=closed -Dvitrina.users=64     # max throughput / ceiling search
 * </pre>
 */
public final class RecommendationsSimulation extends Simulation {

  private final LoadConfig cfg = new LoadConfig();
  private final int limit = LoadConfig.integer("vitrina.limit", 10);

  /** Share (0..1) of requests made for visitors the service has never seen. */
  private final double unknownVisitorShare = LoadConfig.dbl("vitrina.unknownVisitorShare", 0.1);

  private final String runTag = Long.toString(System.currentTimeMillis(), 36);
  private final AtomicLong unknownCounter = new AtomicLong();

  private final Iterator<Map<String, Object>> feeder =
      Stream.generate(
              () -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                boolean unknown = rnd.nextDouble() < unknownVisitorShare;
                String visitor =
                    unknown
                        ? "lt-anon-" + runTag + "-" + unknownCounter.incrementAndGet()
                        : cfg.demoVisitor(1 + rnd.nextInt(cfg.demoVisitors));
                return Map.<String, Object>of(
                    "visitor",
                    visitor,
                    "visitorKind",
                    unknown ? "new visitor" : "known visitor",
                    "item",
                    cfg.demoItem(1 + rnd.nextInt(cfg.demoItems)));
              })
          .iterator();

  /** personal must never come back empty: unknown visitors get the cold-start fallback. */
  private ChainBuilder personal() {
    return exec(
        http(session -> "personal (" + session.getString("visitorKind") + ")")
            .get("/v1/recommendations/personal")
            .queryParam("visitor", "#{visitor}")
            .queryParam("limit", limit)
            .requestTimeout(cfg.requestTimeout())
            .check(status().is(200))
            .check(jsonPath("$.items[*].id").count().gt(0)));
  }

  private ChainBuilder byVisitor(String algorithm) {
    return exec(
        http(algorithm)
            .get("/v1/recommendations/" + algorithm)
            .queryParam("visitor", "#{visitor}")
            .queryParam("limit", limit)
            .requestTimeout(cfg.requestTimeout())
            .check(status().is(200))
            .check(jsonPath("$.items").exists()));
  }

  private ChainBuilder byItem(String algorithm) {
    return exec(
        http(algorithm)
            .get("/v1/recommendations/" + algorithm)
            .queryParam("visitor", "#{visitor}")
            .queryParam("item", "#{item}")
            .queryParam("limit", limit)
            .requestTimeout(cfg.requestTimeout())
            .check(status().is(200))
            .check(jsonPath("$.items").exists()));
  }

  private final ScenarioBuilder scn =
      scenario("recommendations")
          .feed(feeder)
          .exec(
              randomSwitch()
                  .on(
                      percent(70.0).then(personal()),
                      percent(10.0).then(byVisitor("popular")),
                      percent(10.0).then(byItem("similar")),
                      percent(10.0).then(byItem("also_viewed"))));

  {
    System.out.println(
        "[vitrina-loadtest] "
            + cfg.describe(
                "RecommendationsSimulation",
                " | limit=" + limit + " unknownVisitorShare=" + unknownVisitorShare));
    setUp(cfg.inject(scn))
        .protocols(cfg.protocol())
        .assertions(cfg.assertions())
        .maxDuration(cfg.maxDuration());
  }
}
