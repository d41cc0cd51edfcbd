package io.vitrina.server.http;

import io.vertx.core.Future;
import java.util.List;

/**
 * One capability of the service (catalog, events, models, recommendations; later blocks,
 * experiments, segments, triggers, pop-ups) as the application sees it: what it loads at start, the
 * endpoints it serves, the jobs it runs, what it finishes at stop. The application starts
 * capabilities in the order given and stops them in reverse; it knows nothing else of them.
 */
public interface Capability {
  /** Loads the capability's state from its store before the API opens. */
  default Future<Void> start() {
    return Future.succeededFuture();
  }

  /** Adds the capability's endpoints. Called once per event loop: each has its own router. */
  default void routes(ApiRoutes routes) {}

  /** Periodic work, scheduled once the API is open. */
  default List<Job> jobs() {
    return List.of();
  }

  /** Finishes what was accepted, after the API stopped taking requests. */
  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
