package io.vitrina.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real load balancer in front of the nodes: Debian's HAProxy, in the foreground with a config of
 * its own on 127.0.0.1, round robin over the nodes, each checked on {@code /ready} every 300 ms
 * (down after two failures, up again at the first pass), and a request whose node refuses the
 * connection retried on another. Its statistics page tells which nodes it sends requests to.
 */
final class Haproxy implements AutoCloseable {
  /** Where {@code ./vitrina test} says HAProxy is; else it is looked for on the PATH. */
  static final String LOCATION = "VITRINA_HAPROXY";

  final int port;
  private final int statsPort;
  private final Path log;
  private final Process process;

  private Haproxy(int port, int statsPort, Path log, Process process) {
    this.port = port;
    this.statsPort = statsPort;
    this.log = log;
    this.process = process;
  }

  /**
   * The HAProxy binary: {@code $VITRINA_HAPROXY}, else {@code haproxy} on the PATH or in {@code
   * /usr/sbin}; fails saying how to install it, rather than letting the tests pass without it.
   */
  static Path binary() {
    String named = System.getenv(LOCATION);
    if (named != null && !named.isBlank()) {
      Path path = Path.of(named);
      if (Files.isExecutable(path)) return path;
      throw new AssertionError(LOCATION + "=" + named + " is not an executable");
    }
    String searched = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin";
    return Stream.of(searched.split(":"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "haproxy"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "The tests with several nodes need HAProxy: run 'sudo apt-get install -y"
                        + " haproxy' once (./vitrina test installs it when run as root), or set "
                        + LOCATION
                        + " to its path"));
  }

  /** Starts HAProxy over the nodes on {@code nodePorts}; returns once it serves their /ready. */
  static Haproxy over(Path dir, List<Integer> nodePorts) {
    int port = ServerProcess.freePort();
    int statsPort = ServerProcess.freePort();
    StringBuilder config =
        new StringBuilder(
            """
            global
              maxconn 512
            defaults
              mode http
              timeout connect 1s
              timeout client 30s
              timeout server 30s
              timeout check 5s
              retries 3
              option redispatch 1
            frontend shop
              bind 127.0.0.1:%d
              default_backend nodes
            frontend stats
              bind 127.0.0.1:%d
              stats enable
              stats uri /stats
            backend nodes
              balance roundrobin
              option httpchk GET /ready
              default-server inter 300ms fall 2 rise 1
            """
                .formatted(port, statsPort));
    for (int nodePort : nodePorts)
      config.append("  server n%d 127.0.0.1:%d check\n".formatted(nodePort, nodePort));
    try {
      Files.createDirectories(dir);
      Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
      Path log = dir.resolve("haproxy.log");
      Process process =
          new ProcessBuilder(binary().toString(), "-db", "-f", file.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Haproxy haproxy = new Haproxy(port, statsPort, log, process);
      haproxy.awaitServing();
      return haproxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitServing() {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("haproxy exited:\n" + logText());
      if (ServerProcess.Http.status(base() + "/ready") == 200) return;
      ServerProcess.sleep(50);
    }
    close();
    throw new AssertionError("haproxy did not serve /ready within 15 s:\n" + logText());
  }

  /** Whether HAProxy counts the node on {@code nodePort} up, so that it sends it requests. */
  boolean sendsTo(int nodePort) {
    String csv = ServerProcess.Http.get("http://127.0.0.1:" + statsPort, "/stats;csv").body();
    return csv.lines()
        .map(line -> line.split(","))
        .anyMatch(
            f ->
                f.length > 17
                    && f[0].equals("nodes")
                    && f[1].equals("n" + nodePort)
                    && f[17].equals("UP"));
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public String toString() {
    return "haproxy on port " + port;
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
