package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.algorithm.Algorithm;
import io.vitrina.engine.algorithm.AlgorithmCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.yaml} is written by hand: this keeps it honest. Every endpoint the router serves
 * is described, and every described operation is served, method and path alike.
 */
class ApiDescriptionTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern OPERATION =
      Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
  private static TestServer server;

  @BeforeAll
  static void startServer() {
    // With the demo store, whose pages (/demo/...) are served only then; a small one.
    server =
        TestServer.start(
            "--demo", "--demo-items", "20", "--demo-visitors", "0", "--demo-days", "1");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void routerAndApiDescriptionNameTheSameEndpoints() throws IOException {
    TreeSet<String> served = new TreeSet<>();
    for (String endpoint : server.app.endpoints()) served.add(normalize(endpoint));
    TreeSet<String> described = new TreeSet<>();
    for (String operation : describedOperations()) described.add(normalize(operation));
    assertFalse(described.isEmpty(), "no operations found in openapi.yaml");
    assertEquals(
        described, served, "described in openapi.yaml (expected) vs served by the router (actual)");
  }

  @Test
  void servedDescriptionIsTheOneInTheJar() {
    TestServer.Response r = server.get("/openapi.yaml");
    assertEquals(200, r.status());
    assertFalse(describedFrom(r.body()).isEmpty());
    assertEquals(describedFrom(r.body()), describedFrom(resource()));
  }

  @Test
  void algorithmNamesAreTheCatalogues() {
    Matcher names =
        Pattern.compile(
                "(?m)^    AlgorithmName:\\s*\\n\\s*type: string\\s*\\n\\s*enum: \\[([^]]*)]")
            .matcher(resource());
    assertTrue(names.find(), "AlgorithmName enum not found");
    TreeSet<String> described = new TreeSet<>(List.of(names.group(1).split(",\\s*")));
    TreeSet<String> served = new TreeSet<>();
    for (Algorithm algorithm : AlgorithmCatalog.standard().all()) {
      served.add(algorithm.name());
      assertTrue(
          resource().contains("| `" + algorithm.name() + "` |"),
          algorithm.name() + " is missing from the algorithm table");
    }
    assertEquals(described, served, "AlgorithmName in openapi.yaml vs the catalogue");
  }

  /**
   * "GET /v1/items/{id}", "GET /v1/items/:id" and "GET /widgets/*" alike become "GET /v1/items/{}".
   */
  private static String normalize(String endpoint) {
    return endpoint
        .replaceAll("\\{[^}]+}", "{}")
        .replaceAll(":[A-Za-z_]+", "{}")
        .replaceAll("/\\*$", "/{}");
  }

  private static List<String> describedOperations() {
    return describedFrom(resource());
  }

  private static String resource() {
    try (InputStream in =
        ApiDescriptionTest.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Operations under {@code paths:}, read line by line: the file keeps the usual two-space layout.
   */
  private static List<String> describedFrom(String yaml) {
    List<String> out = new ArrayList<>();
    boolean inPaths = false;
    String path = null;
    for (String line : yaml.split("\\R")) {
      if (!line.startsWith(" ") && !line.isBlank()) inPaths = line.startsWith("paths:");
      if (!inPaths) continue;
      Matcher p = PATH.matcher(line);
      if (p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher op = OPERATION.matcher(line);
      if (op.matches() && path != null) out.add(op.group(1).toUpperCase(Locale.ROOT) + " " + path);
    }
    return out;
  }
}
