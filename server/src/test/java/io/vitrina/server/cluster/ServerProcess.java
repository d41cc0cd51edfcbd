package io.vitrina.server.cluster;

import io.vitrina.server.TestServer;
import io.vitrina.server.TestServer.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The service as a real operating-system process, as a deployment runs it: {@code java} of this
 * JDK, the tests' classpath, {@link io.vitrina.server.Main}, its own data folder and port, on a
 * shared PostgreSQL. Its output goes to a log file under {@code target/} that outlives the test,
 * for whoever reads a failure.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  final String name;
  final int port;
  final Path dataDir;
  final Path log;
  private final List<String> command;
  private Process process;

  private ServerProcess(String name, int port, Path dataDir, Path log, List<String> command) {
    this.name = name;
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
    this.command = command;
  }

  /**
   * A node on {@code pgUrl} with the test keys, one event loop and no scheduled model build; its
   * output in {@code dir/<name>.log} and its data in {@code dir/<name>-data}. {@code extraArgs}
   * come last and win.
   */
  static ServerProcess on(String pgUrl, String name, Path dir, String... extraArgs) {
    try {
      Path dataDir = Files.createDirectories(dir.resolve(name + "-data"));
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // Small and quick to start: two of these and the tests' JVM share two cores.
      command.addAll(
          List.of(
              "--add-modules",
              "jdk.incubator.vector",
              "--enable-native-access=ALL-UNNAMED",
              "-Xmx384m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              "io.vitrina.server.Main"));
      command.addAll(
          List.of(
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--data-dir",
              dataDir.toString(),
              "--pg-url",
              pgUrl,
              "--pg-pool-size",
              "4",
              "--site-key",
              TestServer.SITE_KEY,
              "--admin-key",
              TestServer.ADMIN_KEY,
              "--token-key",
              TestServer.TOKEN_KEY,
              "--instances",
              "1",
              "--model-interval",
              "PT1H",
              "--popularity-interval",
              "PT1H",
              "--index-refresh",
              "PT0.1S",
              "--experiments-global-holdout",
              "0"));
      command.addAll(List.of(extraArgs));
      return new ServerProcess(name, port, dataDir, dir.resolve(name + ".log"), command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process (again, after a stop or a kill: same port, same data folder). */
  ServerProcess start() {
    if (process != null && process.isAlive()) throw new IllegalStateException(name + " runs");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Waits until {@code /ready} answers 200; fails with the log's tail if the process died. */
  ServerProcess awaitReady() {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive())
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
      if (Http.status(base() + "/ready") == 200) return this;
      sleep(100);
    }
    throw new AssertionError(name + " not ready within " + READY_WITHIN + ":\n" + logTail());
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  Response get(String path) {
    return Http.get(base(), path);
  }

  Response admin(String method, String path, String body) {
    return Http.admin(base(), method, path, body);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, nothing flushed. */
  void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
  }

  /** A graceful stop (SIGTERM: the shutdown hook commits what was accepted), then a kill. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(30))) kill();
  }

  private boolean awaitExit(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return name + " on port " + port;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** HTTP/1.1 with the test keys, to a node or to the balancer alike. */
  static final class Http {
    private static final HttpClient CLIENT =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Http() {}

    static Response get(String base, String path) {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("X-Site-Key", TestServer.SITE_KEY)
              .GET());
    }

    static Response postEvents(String base, String body) {
      return send(
          HttpRequest.newBuilder(URI.create(base + "/v1/events"))
              .header("X-Site-Key", TestServer.SITE_KEY)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response admin(String base, String method, String path, String body) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("X-Admin-Key", TestServer.ADMIN_KEY)
              .header("Content-Type", "application/json");
      return send(
          request.method(
              method,
              body == null
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The status of a GET, or -1 when nothing answers. */
    static int status(String url) {
      try {
        return CLIENT
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode();
      } catch (IOException e) {
        return -1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    static Response send(HttpRequest.Builder request) {
      try {
        HttpResponse<String> r =
            CLIENT.send(
                request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers().map());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
