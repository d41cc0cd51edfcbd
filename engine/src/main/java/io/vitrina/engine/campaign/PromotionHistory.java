package io.vitrina.engine.campaign;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one shopper was shown and closed, by campaign id (or slot name: whatever {@code
 * item_list_id} their promotion events named): the times of their recent shows, how many shows in
 * all, and their latest close. Immutable and compact (a few longs per campaign); an update makes a
 * new one.
 */
public final class PromotionHistory {
  /** Recent shows kept per campaign: what session and day caps can count up to. */
  public static final int RECENT = 32;

  /** Campaigns kept per shopper; beyond, the one least lately active goes. */
  public static final int MAX_CAMPAIGNS = 64;

  public static final PromotionHistory NONE = new PromotionHistory(Map.of());

  /**
   * One campaign's history.
   *
   * @param views the epoch milliseconds of the latest shows (up to {@link #RECENT}), ascending
   * @param lifetime how many shows in all
   * @param closedAt epoch milliseconds of the latest close, or 0
   */
  public record Entry(long[] views, int lifetime, long closedAt) {
    static final Entry EMPTY = new Entry(new long[0], 0, 0);

    /** Shows at or after {@code since}. */
    public int viewsSince(Instant since) {
      long from = since.toEpochMilli();
      int n = 0;
      for (int i = views.length - 1; i >= 0 && views[i] >= from; i--) n++;
      return n;
    }

    public Instant lastClosed() {
      return closedAt == 0 ? null : Instant.ofEpochMilli(closedAt);
    }

    public Instant lastViewed() {
      return views.length == 0 ? null : Instant.ofEpochMilli(views[views.length - 1]);
    }

    long lastActive() {
      return Math.max(closedAt, views.length == 0 ? 0 : views[views.length - 1]);
    }

    Entry viewed(long at) {
      long[] next = insert(views, at);
      return new Entry(next, lifetime + 1, closedAt);
    }

    Entry closed(long at) {
      return new Entry(views, lifetime, Math.max(closedAt, at));
    }

    /** The two histories of one shopper (their visitor's and their customer's) as one. */
    Entry merged(Entry other) {
      long[] all = views;
      for (long at : other.views) if (Arrays.binarySearch(all, at) < 0) all = insert(all, at);
      return new Entry(all, Math.max(lifetime, other.lifetime), Math.max(closedAt, other.closedAt));
    }

    private static long[] insert(long[] sorted, long at) {
      int i = Arrays.binarySearch(sorted, at);
      int pos = i < 0 ? -i - 1 : i;
      long[] out = new long[sorted.length + 1];
      System.arraycopy(sorted, 0, out, 0, pos);
      out[pos] = at;
      System.arraycopy(sorted, pos, out, pos + 1, sorted.length - pos);
      return out.length <= RECENT ? out : Arrays.copyOfRange(out, out.length - RECENT, out.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e
          && Arrays.equals(views, e.views)
          && lifetime == e.lifetime
          && closedAt == e.closedAt;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(views) * 31 + lifetime * 17 + Long.hashCode(closedAt);
    }

    @Override
    public String toString() {
      return "Entry" + Arrays.toString(views) + " lifetime " + lifetime + " closed " + closedAt;
    }
  }

  private final Map<String, Entry> byCampaign;

  private PromotionHistory(Map<String, Entry> byCampaign) {
    this.byCampaign = byCampaign;
  }

  /** The campaign's history, or null when the shopper has none of it. */
  public Entry of(String campaign) {
    return byCampaign.get(campaign);
  }

  public Map<String, Entry> entries() {
    return java.util.Collections.unmodifiableMap(byCampaign);
  }

  public boolean isEmpty() {
    return byCampaign.isEmpty();
  }

  /** The latest time anything happened, in epoch milliseconds. */
  long lastActive() {
    long last = 0;
    for (Entry e : byCampaign.values()) last = Math.max(last, e.lastActive());
    return last;
  }

  public PromotionHistory viewed(String campaign, Instant at) {
    return with(campaign, byCampaign.getOrDefault(campaign, Entry.EMPTY).viewed(at.toEpochMilli()));
  }

  public PromotionHistory closed(String campaign, Instant at) {
    return with(campaign, byCampaign.getOrDefault(campaign, Entry.EMPTY).closed(at.toEpochMilli()));
  }

  public PromotionHistory merged(PromotionHistory other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    Map<String, Entry> out = new HashMap<>(byCampaign);
    other.byCampaign.forEach((k, v) -> out.merge(k, v, Entry::merged));
    return new PromotionHistory(out);
  }

  private PromotionHistory with(String campaign, Entry entry) {
    Map<String, Entry> out = new HashMap<>(byCampaign);
    out.put(campaign, entry);
    if (out.size() > MAX_CAMPAIGNS) {
      String stalest = null;
      for (var e : out.entrySet())
        if (stalest == null || e.getValue().lastActive() < out.get(stalest).lastActive())
          stalest = e.getKey();
      out.remove(stalest);
    }
    return new PromotionHistory(out);
  }
}
