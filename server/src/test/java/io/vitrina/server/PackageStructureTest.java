package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape the code keeps as it grows, read from the sources: no two packages of the engine or the
 * server depend on each other (directly or round a loop), and nothing below the application package
 * reaches back into it, so handlers and capabilities get narrow services, never the application
 * object.
 */
class PackageStructureTest {
  private static final List<Path> SOURCES =
      List.of(Path.of("src/main/java"), Path.of("../engine/src/main/java"));

  /**
   * A reference to a class of ours, by import or fully qualified: package, then a capitalised name.
   */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(io\\.vitrina(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([a-z0-9_.]+);");

  @Test
  void noPackageImportCycles() {
    Map<String, Set<String>> graph = dependencies();
    assertTrue(graph.size() > 10, "found too few packages: " + graph.keySet());
    List<Set<String>> cycles = new ArrayList<>();
    for (Set<String> component : stronglyConnected(graph))
      if (component.size() > 1) cycles.add(component);
    assertEquals(List.of(), cycles, "packages that depend on each other");
  }

  @Test
  void nothingBelowTheApplicationPackageUsesIt() {
    Map<String, Set<String>> graph = dependencies();
    Map<String, Set<String>> offenders = new TreeMap<>();
    graph.forEach(
        (from, targets) -> {
          if (from.startsWith("io.vitrina.server.") && targets.contains("io.vitrina.server"))
            offenders.put(from, targets);
        });
    assertEquals(
        Map.of(),
        offenders,
        "packages that reach back into io.vitrina.server (Vitrina, ServerConfig)");
  }

  /** Per package of ours, the other packages of ours its sources name. */
  private static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file);
          Matcher pkg = PACKAGE.matcher(text);
          if (!pkg.find()) continue;
          String from = pkg.group(1);
          Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
          Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
          while (ref.find()) if (!ref.group(1).equals(from)) targets.add(ref.group(1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return graph;
  }

  /** Tarjan's strongly connected components. */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) visit(node, graph, index, low, stack, onStack, out, counter);
    }
    return out;
  }

  private static void visit(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]++);
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        visit(next, graph, index, low, stack, onStack, out, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      out.add(component);
    }
  }
}
