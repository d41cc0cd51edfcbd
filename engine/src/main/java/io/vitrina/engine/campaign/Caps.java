package io.vitrina.engine.campaign;

import java.time.Duration;
import java.time.Instant;

/**
 * How often one shopper sees a campaign, counted from their own promotion events; each cap is off
 * when null.
 *
 * @param perSession shows at most in one session (since the script's session start)
 * @param perDay shows at most in the last 24 hours
 * @param lifetime shows at most ever (as far as the replayed event history reaches)
 * @param daysAfterClose not shown again for this many days after the shopper closed it
 */
public record Caps(Integer perSession, Integer perDay, Integer lifetime, Integer daysAfterClose) {
  public static final Caps NONE = new Caps(null, null, null, null);

  /**
   * The most a session or day cap may be: a history keeps this many recent shows of each campaign.
   */
  public static final int MAX_RECENT = PromotionHistory.RECENT;

  /** A session the script did not date is taken to have begun this long ago. */
  public static final Duration UNDATED_SESSION = Duration.ofMinutes(30);

  private static final Duration DAY = Duration.ofDays(1);

  /** Whether the shopper, with this history of the campaign (null: none), may see it now. */
  public boolean allow(PromotionHistory.Entry seen, Instant sessionStart, Instant now) {
    if (seen == null) return true;
    Instant session = sessionStart != null ? sessionStart : now.minus(UNDATED_SESSION);
    if (perSession != null && seen.viewsSince(session) >= perSession) return false;
    if (perDay != null && seen.viewsSince(now.minus(DAY)) >= perDay) return false;
    if (lifetime != null && seen.lifetime() >= lifetime) return false;
    return daysAfterClose == null
        || seen.lastClosed() == null
        || !now.isBefore(seen.lastClosed().plus(Duration.ofDays(daysAfterClose)));
  }
}
