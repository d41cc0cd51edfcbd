package io.vitrina.server.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser script under its versioned path and its two unversioned names. */
class WidgetScriptApiTest {
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static String header(TestServer.Response r, String name) {
    return r.headers().getOrDefault(name.toLowerCase(), java.util.List.of("")).getFirst();
  }

  @Test
  void theVersionedPathIsCachedForAYearAndTheOldNamesForFiveMinutesWithTheSameBundle() {
    TestServer.Response versioned = server.get("/widgets/v1/vitrina.js");
    assertEquals(200, versioned.status());
    assertEquals("public, max-age=31536000, immutable", header(versioned, "Cache-Control"));
    assertTrue(header(versioned, "Content-Type").startsWith("text/javascript"));
    assertTrue(versioned.body().contains("vitrina"), "the bundle is served");
    for (String name : new String[] {"/widgets/vitrina.js", "/widgets/tracker.js"}) {
      TestServer.Response r = server.get(name);
      assertEquals(200, r.status(), name);
      assertEquals("public, max-age=300", header(r, "Cache-Control"), name);
      assertEquals(versioned.body(), r.body(), name + " is the same bundle");
      assertEquals(header(versioned, "ETag"), header(r, "ETag"), name);
    }
  }

  @Test
  void aMatchingETagAnswersNotModifiedAndAnotherNameIsNotFound() {
    String etag = header(server.get("/widgets/vitrina.js"), "ETag");
    TestServer.Response again =
        server.send(
            HttpRequest.newBuilder(URI.create(server.base() + "/widgets/v1/vitrina.js"))
                .header("If-None-Match", etag)
                .GET());
    assertEquals(304, again.status());
    assertEquals("", again.body());
    TestServer.Response missing = server.get("/widgets/missing.js");
    assertEquals(404, missing.status());
    assertEquals("not_found", missing.json().getString("error"));
  }
}
