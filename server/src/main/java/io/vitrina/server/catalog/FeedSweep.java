package io.vitrina.server.catalog;

import io.vitrina.server.input.InvalidInputException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One full-feed import's view of which stored items it named, so that the items it did not name can
 * be marked unavailable or deleted once the whole feed was read, across all its chunks.
 *
 * <p>Only the ids are held (about 100 bytes each: 10 MB for a feed of 100,000 items), and only when
 * the import asks for a sweep. Items written after {@link #began()} (a delta feed running beside
 * the nightly one, say) are never missing. One import uses it from one thread at a time.
 */
public final class FeedSweep {
  /** What a full feed does to the stored items it does not name: {@code ?missing=}. */
  public enum Missing {
    /** Leaves them as they are (the default). */
    KEEP,
    /** Sets {@code available} to false: they leave every block, and come back when sent again. */
    UNAVAILABLE,
    /** Deletes them. */
    DELETE;

    /** The query parameter's value; null means the default. */
    public static Missing parse(String value) {
      if (value == null) return KEEP;
      for (Missing m : values()) if (m.name().equalsIgnoreCase(value)) return m;
      throw new InvalidInputException(
          "missing", "must be keep, unavailable or delete, was '" + value + "'");
    }

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Missing missing;
  private final Instant began;
  private final Set<String> named = new HashSet<>();

  FeedSweep(Missing missing, Instant began) {
    this.missing = missing;
    this.began = began;
  }

  /** Notes an id the feed named, whether its line was valid or not: a bad line is not missing. */
  public void named(String id) {
    if (missing != Missing.KEEP && id != null) named.add(id);
  }

  public Missing missing() {
    return missing;
  }

  /** The storage's time when the import began. */
  Instant began() {
    return began;
  }

  boolean isNamed(String id) {
    return named.contains(id);
  }
}
