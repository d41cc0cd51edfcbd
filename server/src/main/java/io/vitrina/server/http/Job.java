package io.vitrina.server.http;

import java.time.Duration;

/**
 * Periodic work of a capability, run on an event loop's timer: {@code run} must not block (hand
 * blocking work to a worker). The first run comes after {@code firstAfter}, then every {@code
 * every}.
 */
public record Job(String name, Duration firstAfter, Duration every, Runnable run) {
  public static Job every(String name, Duration every, Runnable run) {
    return new Job(name, every, every, run);
  }
}
