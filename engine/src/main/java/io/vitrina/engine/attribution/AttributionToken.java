package io.vitrina.engine.attribution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a recommendation response's token says, and what clicks and purchases carry back, so that
 * the outcome can be attributed to the block and algorithm that showed the item. Issued and checked
 * by a {@link TokenSigner}: a token only counts when this deployment signed it.
 *
 * @param nonce tells apart two responses of one block in the same millisecond
 * @param experiment the experiment the answer was given in, or null
 * @param arm the shopper's arm in it, or null
 */
public record AttributionToken(
    String block, String algorithm, Instant issuedAt, String nonce, String experiment, String arm) {
  private static final String VERSION = "v2";

  /** Tokens of answers given in an experiment: v2's fields, then the experiment and the arm. */
  private static final String IN_EXPERIMENT = "v3";

  /** Tokens before signing: {@code v1|block|algorithm|issuedAtMillis|nonce}, with no tag. */
  private static final String UNSIGNED_VERSION = "v1";

  private static final Pattern SEPARATOR = Pattern.compile("\\|");

  /** A token of an answer given outside any experiment. */
  public AttributionToken(String block, String algorithm, Instant issuedAt, String nonce) {
    this(block, algorithm, issuedAt, nonce, null, null);
  }

  /**
   * The signed part: URL-safe base64 of {@code v2|block|algorithm|issuedAtMillis(base 36)|nonce},
   * or in an experiment {@code v3|…|nonce|experiment|arm}.
   */
  String payload() {
    String issued = Long.toString(issuedAt.toEpochMilli(), 36);
    String raw =
        experiment == null
            ? String.join("|", VERSION, block, algorithm, issued, nonce)
            : String.join("|", IN_EXPERIMENT, block, algorithm, issued, nonce, experiment, arm);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of a payload whose signature was checked; empty when it is not one of ours. */
  static Optional<AttributionToken> parse(String payload) {
    String[] parts = parts(payload);
    if (parts == null) return Optional.empty();
    boolean inExperiment = parts[0].equals(IN_EXPERIMENT) && parts.length == 7;
    if (!inExperiment && !(parts[0].equals(VERSION) && parts.length == 5)) return Optional.empty();
    try {
      return Optional.of(
          new AttributionToken(
              parts[1],
              parts[2],
              Instant.ofEpochMilli(Long.parseLong(parts[3], 36)),
              parts[4],
              inExperiment ? parts[5] : null,
              inExperiment ? parts[6] : null));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code payload} reads as a token of this service, of this version or of {@code v1} (the
   * unsigned tokens of the versions before signing), whatever its signature.
   */
  static boolean readable(String payload) {
    String[] parts = parts(payload);
    return parts != null
        && (parts[0].equals(VERSION)
            || parts[0].equals(IN_EXPERIMENT)
            || parts[0].equals(UNSIGNED_VERSION));
  }

  /** The fields of a payload (five, or seven in an experiment), or null when it is not one. */
  private static String[] parts(String payload) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
      String[] parts = SEPARATOR.split(raw, -1);
      return parts.length == 5 || parts.length == 7 ? parts : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
