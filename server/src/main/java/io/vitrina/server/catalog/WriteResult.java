package io.vitrina.server.catalog;

import io.vitrina.server.input.Problem;
import java.util.List;
import java.util.Set;

/**
 * What one catalog write did: the ids it added, how many stored items it changed or found the same
 * (those are not written again), and the lines it skipped with every problem of each.
 */
public record WriteResult(Set<String> added, int updated, int unchanged, List<Problem> problems) {
  public WriteResult {
    added = Set.copyOf(added);
    problems = List.copyOf(problems);
  }

  /** Lines skipped: each has one or more problems. */
  public int skipped() {
    return (int) problems.stream().mapToInt(Problem::index).distinct().count();
  }
}
