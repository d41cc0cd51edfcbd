package io.vitrina.engine.campaign;

import java.time.Instant;

/**
 * When a campaign runs: from {@code starts} (inclusive) to {@code ends} (exclusive), either open.
 */
public record Schedule(Instant starts, Instant ends) {
  public static final Schedule ALWAYS = new Schedule(null, null);

  public boolean covers(Instant now) {
    return (starts == null || !now.isBefore(starts)) && (ends == null || now.isBefore(ends));
  }
}
