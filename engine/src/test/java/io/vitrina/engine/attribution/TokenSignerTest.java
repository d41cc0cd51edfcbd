package io.vitrina.engine.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TokenSigner SIGNER = signer("the deployment's own key");

  private static TokenSigner signer(String key) {
    return new TokenSigner(key.getBytes(StandardCharsets.UTF_8), CLOCK);
  }

  @Test
  void anIssuedTokenVerifiesAndNamesItsBlockAlgorithmAndTime() {
    AttributionToken token =
        SIGNER.verify(SIGNER.issue("product-page", "also_viewed")).orElseThrow();
    assertEquals("product-page", token.block());
    assertEquals("also_viewed", token.algorithm());
    assertEquals(NOW, token.issuedAt());
  }

  @Test
  void aTokenOfAnAnswerInAnExperimentNamesTheExperimentAndTheArm() {
    String issued = SIGNER.issue("home", "holdout", "home-test", "control");
    AttributionToken token = SIGNER.verify(issued).orElseThrow();
    assertEquals("home", token.block());
    assertEquals("holdout", token.algorithm());
    assertEquals("home-test", token.experiment());
    assertEquals("control", token.arm());
    assertEquals(null, SIGNER.verify(SIGNER.issue("home", "popular")).orElseThrow().experiment());
    assertTrue(signer("somebody else's key").verify(issued).isEmpty());
  }

  @Test
  void tokensAreShortUrlSafeAndUniquePerResponse() {
    String a = SIGNER.issue("product-page", "also_viewed");
    String b = SIGNER.issue("product-page", "also_viewed");
    assertTrue(a.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{22}"), a);
    assertTrue(a.length() < 100, a.length() + " characters: " + a);
    assertNotEquals(a, b);
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    String foreign = signer("somebody else's key").issue("product-page", "also_viewed");
    assertTrue(SIGNER.verify(foreign).isEmpty());
  }

  @Test
  void anAlteredPayloadIsRefused() {
    String token = SIGNER.issue("product-page", "also_viewed");
    String payload = token.substring(0, token.indexOf('.'));
    String raw = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    raw.replace("also_viewed", "personal").getBytes(StandardCharsets.UTF_8))
            + token.substring(token.indexOf('.'));
    assertTrue(SIGNER.verify(forged).isEmpty());
  }

  @Test
  void anAlteredOrCutTagIsRefused() {
    String token = SIGNER.issue("home", "popular");
    // Every character of the tag, the last one too, whose spare bits a base64 decoder ignores.
    for (int i = token.indexOf('.') + 1; i < token.length(); i++) {
      char c = token.charAt(i);
      String flipped = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
      assertTrue(SIGNER.verify(flipped).isEmpty(), flipped);
    }
    assertTrue(SIGNER.verify(token.substring(0, token.length() - 4)).isEmpty());
    assertTrue(SIGNER.verify(token.substring(0, token.indexOf('.'))).isEmpty(), "no tag");
  }

  @Test
  void unsignedAndMalformedTokensAreRefused() {
    // What the unsigned tokens of earlier versions looked like: base64 of v1|block|algorithm|…
    String unsigned =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "v1|product-page|also_viewed|1795429800000|q3Zx9LmT"
                    .getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {unsigned, "", ".", "tok", "a.b.c", "%%%.%%%", null})
      assertTrue(SIGNER.verify(bad).isEmpty(), String.valueOf(bad));
    assertTrue(SIGNER.verify("x".repeat(5_000) + ".y").isEmpty());
  }

  /** An operator tells an attack (forged) from an old tracker (unsigned) and from noise. */
  @Test
  void aRefusalSaysWhyTheTokenDoesNotCount() {
    String token = SIGNER.issue("home", "popular");
    String payload = token.substring(0, token.indexOf('.'));
    String v1 =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "v1|product-page|also_viewed|1795429800000|q3Zx9LmT"
                    .getBytes(StandardCharsets.UTF_8));
    String otherKey = signer("somebody else's key").issue("home", "popular");
    String tag = token.substring(token.indexOf('.'));

    assertEquals(null, SIGNER.check(token).refusal());
    assertTrue(SIGNER.check(token).genuine());
    assertEquals(TokenSigner.Refusal.UNSIGNED, SIGNER.check(v1).refusal(), "before signing");
    assertEquals(TokenSigner.Refusal.UNSIGNED, SIGNER.check(payload).refusal(), "tag cut off");
    assertEquals(TokenSigner.Refusal.UNSIGNED, SIGNER.check(payload + ".").refusal());
    assertEquals(TokenSigner.Refusal.FORGED, SIGNER.check(otherKey).refusal(), "another key");
    assertEquals(TokenSigner.Refusal.FORGED, SIGNER.check(v1 + tag).refusal(), "a tag added");
    assertEquals(
        TokenSigner.Refusal.FORGED,
        SIGNER
            .check(payload + tag.replace(tag.charAt(1), tag.charAt(1) == 'A' ? 'B' : 'A'))
            .refusal());
    for (String bad : new String[] {"", ".", "tok", "a.b.c", "%%%.%%%", ".x", null})
      assertEquals(TokenSigner.Refusal.MALFORMED, SIGNER.check(bad).refusal(), String.valueOf(bad));
    assertEquals(TokenSigner.Refusal.MALFORMED, SIGNER.check("x".repeat(5_000) + ".y").refusal());
  }

  @Test
  void aShortKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> signer("short"));
  }
}
