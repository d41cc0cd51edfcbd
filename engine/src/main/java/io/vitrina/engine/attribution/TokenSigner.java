package io.vitrina.engine.attribution;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues attribution tokens signed with the deployment's key and checks the ones events bring back,
 * so that a report can only ever count what this service showed: {@code payload.tag}, both URL-safe
 * base64, the tag the first 128 bits of HMAC-SHA256 over the payload (RFC 2104 truncation).
 *
 * <p>Thread-safe; an issue or a check costs about a microsecond (one HMAC over ~60 bytes).
 */
public final class TokenSigner {
  /** Shorter keys are refused: a guessable key lets anyone sign. */
  public static final int MIN_KEY_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";
  private static final int TAG_BYTES = 16;

  /** Far above any token issued here (block and algorithm names are short). */
  private static final int MAX_TOKEN_LENGTH = 1_000;

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final ThreadLocal<Mac> macs;

  public TokenSigner(byte[] key, Clock clock) {
    if (key.length < MIN_KEY_BYTES)
      throw new IllegalArgumentException(
          "the token key needs at least " + MIN_KEY_BYTES + " bytes, has " + key.length);
    this.clock = clock;
    SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
    newMac(spec); // fails here, at start, rather than on the first response
    // A Mac is stateful: one per thread, rather than a lock on every response.
    this.macs = ThreadLocal.withInitial(() -> newMac(spec));
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign attribution tokens: " + e.getMessage(), e);
    }
  }

  /** A signed token naming {@code block} and {@code algorithm}, issued now. */
  public String issue(String block, String algorithm) {
    return issue(block, algorithm, null, null);
  }

  /**
   * A signed token of an answer given in an experiment: {@code block}, {@code algorithm}, the
   * experiment and the shopper's arm in it (both null outside any).
   */
  public String issue(String block, String algorithm, String experiment, String arm) {
    // The nonce only tells responses apart, it is no secret: a thread-local generator, without
    // SecureRandom's shared lock on every recommendation response.
    byte[] nonce = new byte[6];
    ThreadLocalRandom.current().nextBytes(nonce);
    String payload =
        new AttributionToken(
                block, algorithm, clock.instant(), BASE64.encodeToString(nonce), experiment, arm)
            .payload();
    return payload + "." + BASE64.encodeToString(tag(payload));
  }

  /** Why a token that events bring back does not count. */
  public enum Refusal {
    /**
     * Reads as one of this service's tokens, but its tag is not this deployment's: altered, or
     * signed with another key (a key changed since it was issued counts here too).
     */
    FORGED,
    /** A token of the format before signing, or one without its tag: an old tracker or page. */
    UNSIGNED,
    /** Not a token of this service at all. */
    MALFORMED;

    /** The name in metrics. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a check found: the token's parts when it is genuine, else why it was refused. */
  public record Checked(AttributionToken token, Refusal refusal) {
    public Checked {
      if ((token == null) == (refusal == null))
        throw new IllegalArgumentException("a token or a refusal, one of the two");
    }

    public boolean genuine() {
      return token != null;
    }
  }

  /**
   * The token's parts when this deployment signed it; empty when it is malformed, unsigned, signed
   * with another key or altered.
   */
  public Optional<AttributionToken> verify(String token) {
    return Optional.ofNullable(check(token).token());
  }

  /**
   * The token's parts when this deployment signed it, else why not, so that an operator can tell an
   * attack (forged) from an old tracker (unsigned). The tags are compared in constant time.
   */
  public Checked check(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) return refused(Refusal.MALFORMED);
    int dot = token.lastIndexOf('.');
    if (dot < 0 || dot == token.length() - 1) {
      String payload = dot < 0 ? token : token.substring(0, dot);
      return refused(AttributionToken.readable(payload) ? Refusal.UNSIGNED : Refusal.MALFORMED);
    }
    if (dot == 0) return refused(Refusal.MALFORMED);
    String payload = token.substring(0, dot);
    // The tag's text, not its decoded bytes: base64 leaves spare bits in the last character, and a
    // decoder ignores them, so two texts would pass for one tag.
    byte[] expected = BASE64.encodeToString(tag(payload)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(
        expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII)))
      return refused(AttributionToken.readable(payload) ? Refusal.FORGED : Refusal.MALFORMED);
    return AttributionToken.parse(payload)
        .map(parts -> new Checked(parts, null))
        .orElseGet(() -> refused(Refusal.MALFORMED));
  }

  private static Checked refused(Refusal refusal) {
    return new Checked(null, refusal);
  }

  private byte[] tag(String payload) {
    byte[] full = macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    return Arrays.copyOf(full, TAG_BYTES);
  }
}
