package io.vitrina.server.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vitrina.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} and {@code /ready} as probes use them, and the profile bound checked at start.
 */
class ProbesApiTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void headOnHealthAndReadyAnswersTheirStatusWithoutABody() {
    for (String path : new String[] {"/health", "/ready"}) {
      TestServer.Response head =
          server.send(
              HttpRequest.newBuilder(URI.create(server.base() + path))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, head.status(), path);
      assertEquals("", head.body(), path);
    }
  }

  @Test
  void readyNamesEachCapabilityThatWorksInTheBackground() {
    TestServer.Response ready = server.get("/ready");
    assertEquals(200, ready.status(), ready.body());
    JsonObject capabilities = ready.json().getJsonObject("capabilities");
    for (String name : new String[] {"catalog_index", "profile_index", "memory"})
      assertEquals(
          new JsonObject().put("ready", true), capabilities.getJsonObject(name), ready.body());
  }

  @Test
  void aProfileBoundTheHeapCannotHoldStopsTheStartSayingWhatHeapItNeeds() {
    IllegalStateException failed =
        assertThrows(
            IllegalStateException.class,
            () -> TestServer.start("--max-profiles", "2000000000").close());
    String message = rootCause(failed).getMessage();
    assertTrue(message.contains("--max-profiles 2000000000 needs about"), message);
    assertTrue(message.contains("VITRINA_HEAP="), message);
  }

  private static Throwable rootCause(Throwable e) {
    while (e.getCause() != null) e = e.getCause();
    return e;
  }
}
