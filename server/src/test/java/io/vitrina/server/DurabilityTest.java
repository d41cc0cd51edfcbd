package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged event survives the process being killed with SIGKILL at once: the service runs as
 * a separate JVM, events are posted concurrently, and the moment the last 202 arrives the process
 * is killed — every acknowledged event must then be in PostgreSQL.
 */
class DurabilityTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void acknowledgedEventsSurviveSigkill() throws Exception {
    String pgUrl = TestPostgres.newDatabase();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path dataDir = Files.createTempDirectory("vitrina-kill-");
    Path log = dataDir.resolve("server.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vitrina.server.Main",
                "--port",
                Integer.toString(port),
                "--host",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString(),
                "--pg-url",
                pgUrl,
                "--site-key",
                "k",
                "--admin-key",
                "a",
                "--instances",
                "2")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      awaitReady(base, process, log);
      send(
          HttpRequest.newBuilder(URI.create(base + "/v1/admin/items"))
              .header("X-Admin-Key", "a")
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      new JsonArray()
                          .add(new JsonObject().put("id", "d1").put("title", "D").put("price", 1))
                          .encode())));

      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> inFlight =
          new ArrayList<>();
      for (int batch = 0; batch < 40; batch++) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < 25; i++) {
          events.add(
              new JsonObject()
                  .put("name", "view_item")
                  .put("visitor_id", "kill-" + batch)
                  .put("items", new JsonArray().add(new JsonObject().put("item_id", "d1"))));
        }
        inFlight.add(
            http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                    .header("X-Site-Key", "k")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(events.encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      int acknowledged = 0;
      for (var future : inFlight) {
        HttpResponse<String> response = future.get(30, TimeUnit.SECONDS);
        assertEquals(202, response.statusCode(), response.body());
        acknowledged += new JsonObject(response.body()).getInteger("accepted");
      }
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertTrue(process.waitFor(10, TimeUnit.SECONDS));
      assertEquals(1000, acknowledged);
      assertEquals(
          acknowledged,
          TestPostgres.queryLong(
              pgUrl, "SELECT count(*) FROM events WHERE visitor_id LIKE 'kill-%'"));
    } finally {
      process.destroyForcibly();
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady(String base, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) fail("server exited: " + Files.readString(log));
      try {
        if (send(HttpRequest.newBuilder(URI.create(base + "/ready")).GET()).statusCode() == 200)
          return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("server not ready in 90 s: " + Files.readString(log));
  }
}
