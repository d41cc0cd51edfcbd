package io.vitrina.server.events;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.server.http.ApiRoutes;
import io.vitrina.server.http.Capability;
import io.vitrina.server.http.Job;
import io.vitrina.server.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Shopper events: {@code POST /v1/events}, the replay into profiles at start, the minute's profile
 * eviction, and the final group commit at stop.
 */
public final class EventsCapability implements Capability {
  private final DurableEventIntake intake;
  private final TokenSigner tokens;
  private final Metrics metrics;
  private final Clock clock;
  private final long maxBodyBytes;

  public EventsCapability(
      DurableEventIntake intake,
      TokenSigner tokens,
      Metrics metrics,
      Clock clock,
      long maxBodyBytes) {
    this.intake = intake;
    this.tokens = tokens;
    this.metrics = metrics;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    intake.registerGauges(metrics);
  }

  @Override
  public Future<Void> start() {
    return intake.replay();
  }

  @Override
  public void routes(ApiRoutes routes) {
    EventsHandler events = new EventsHandler(intake, tokens, metrics, clock);
    routes.storefrontWithBody(HttpMethod.POST, "/events", maxBodyBytes).handler(events::handle);
  }

  @Override
  public List<Job> jobs() {
    return List.of(
        Job.onEveryNode("evict idle profiles", Duration.ofMinutes(1), intake::evictIdle));
  }

  @Override
  public Future<Void> stop() {
    return intake.close();
  }
}
