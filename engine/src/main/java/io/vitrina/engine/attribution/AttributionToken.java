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
    try {
      String raw = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
      String[] parts = SEPARATOR.split(raw, -1);
      if (parts.length != 5 || !parts[0].equals(VERSION)) return Optional.empty();
      return Optional.of(
          new AttributionToken(
              parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3], 36)), parts[4]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
