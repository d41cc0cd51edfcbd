package io.vitrina.server.events;

import static io.vitrina.server.TestServer.event;
import static io.vitrina.server.TestServer.item;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vitrina.engine.attribution.TokenSigner;
import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attribution tokens are signed by the deployment: an event keeps a token this service issued, and
 * one it did not issue (forged, altered, signed elsewhere, or unsigned as tokens once were) is
 * dropped from the event, which is kept, and counted.
 */
class AttributionTokensApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    server.upsertItems(
        new JsonArray().add(item("t1", "Lamps", 10, 5)).add(item("t2", "Lamps", 12, 5)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long storedWithoutToken(String visitor) {
    return server.sqlLong(
        "SELECT count(*) FROM events WHERE visitor_id = '"
            + visitor
            + "' AND attribution_token IS NULL");
  }

  private static String issued() {
    return server.get("/v1/recommendations/popular?block=home&limit=2").json().getString("token");
  }

  private static Response click(String visitor, String token) {
    return server.postEvents(
        event("select_item", visitor, "t1")
            .put("item_list_id", "home")
            .put("attribution_token", token)
            .encode());
  }

  @Test
  void aTokenThisServiceIssuedIsKeptWithItsEvent() {
    String token = issued();
    assertEquals(202, click("genuine", token).status());
    assertEquals(
        1,
        server.sqlLong(
            "SELECT count(*) FROM events WHERE visitor_id = 'genuine' AND attribution_token = '"
                + token
                + "'"));
  }

  @Test
  void aTokenThisServiceDidNotSignIsDroppedAndCounted() {
    String token = issued();
    String payload = token.substring(0, token.indexOf('.'));
    String tag = token.substring(token.indexOf('.'));
    String raw = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    String otherBlock =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    raw.replace("|home|", "|checkout|").getBytes(StandardCharsets.UTF_8))
            + tag;
    String otherKey =
        new TokenSigner(
                "another deployment's key".getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
            .issue("home", "popular");
    String unsigned =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "v1|home|popular|1795429800000|q3Zx9LmT".getBytes(StandardCharsets.UTF_8));
    long forgedBefore = dropped("forged");
    long unsignedBefore = dropped("unsigned");
    long malformedBefore = dropped("malformed");
    String[] forgeries = {otherBlock, otherKey, unsigned, "made-up"};
    for (int i = 0; i < forgeries.length; i++) {
      Response r = click("forger-" + i, forgeries[i]);
      assertEquals(202, r.status(), "the event is kept: " + r.body());
      assertEquals(1, storedWithoutToken("forger-" + i), "kept, unattributed: " + forgeries[i]);
    }
    // An attack apart from an old tracker: two forged, one of the format before signing, one noise.
    assertEquals(forgedBefore + 2, dropped("forged"));
    assertEquals(unsignedBefore + 1, dropped("unsigned"));
    assertEquals(malformedBefore + 1, dropped("malformed"));
  }

  private static long dropped(String reason) {
    Matcher m =
        Pattern.compile(
                "(?m)^vitrina_events_dropped_tokens_total\\{reason=\"" + reason + "\"} (\\d+)$")
            .matcher(server.get("/metrics").body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
