package io.vitrina.engine.attribution;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The token a recommendation response carries, and that clicks and purchases carry back, so that
 * the outcome can be attributed to the block and algorithm that showed the item.
 *
 * <p>Opaque to clients (URL-safe base64 of {@code v1|block|algorithm|issuedAtMillis|nonce}); not a
 * secret, because it only names what was shown.
 */
public record AttributionToken(String block, String algorithm, Instant issuedAt, String nonce) {
  private static final Pattern SEPARATOR = Pattern.compile("\\|");

  public static AttributionToken issue(String block, String algorithm, Instant now) {
    // Not a secret (see above): a thread-local generator, without SecureRandom's shared lock on
    // every recommendation response.
    byte[] nonce = new byte[6];
    ThreadLocalRandom.current().nextBytes(nonce);
    return new AttributionToken(
        block, algorithm, now, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
  }

  public String encode() {
    String raw =
        String.join("|", "v1", block, algorithm, Long.toString(issuedAt.toEpochMilli()), nonce);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The token's parts, or empty when {@code encoded} is not a token this service issued. */
  public static Optional<AttributionToken> decode(String encoded) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      String[] parts = SEPARATOR.split(raw, -1);
      if (parts.length != 5 || !parts[0].equals("v1")) return Optional.empty();
      return Optional.of(
          new AttributionToken(
              parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3])), parts[4]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
