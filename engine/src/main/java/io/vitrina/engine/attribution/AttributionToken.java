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
 */
public record AttributionToken(String block, String algorithm, Instant issuedAt, String nonce) {
  private static final String VERSION = "v2";

  /** Tokens before signing: {@code v1|block|algorithm|issuedAtMillis|nonce}, with no tag. */
  private static final String UNSIGNED_VERSION = "v1";

  private static final Pattern SEPARATOR = Pattern.compile("\\|");

  /**
   * The signed part: URL-safe base64 of {@code v2|block|algorithm|issuedAtMillis(base 36)|nonce}.
   */
  String payload() {
    String raw =
        String.join(
            "|", VERSION, block, algorithm, Long.toString(issuedAt.toEpochMilli(), 36), nonce);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of a payload whose signature was checked; empty when it is not one of ours. */
  static Optional<AttributionToken> parse(String payload) {
    String[] parts = parts(payload);
    if (parts == null || !parts[0].equals(VERSION)) return Optional.empty();
    try {
      return Optional.of(
          new AttributionToken(
              parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3], 36)), parts[4]));
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
    return parts != null && (parts[0].equals(VERSION) || parts[0].equals(UNSIGNED_VERSION));
  }

  /** The five fields of a payload, or null when it is not base64 of five fields. */
  private static String[] parts(String payload) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
      String[] parts = SEPARATOR.split(raw, -1);
      return parts.length == 5 ? parts : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
