package io.vitrina.server.input;

import java.util.List;

/**
 * An input entry that cannot be accepted, with every problem found in it: answered as {@code
 * invalid_input} (see {@link InvalidQueryException} for query parameters).
 */
public class InvalidInputException extends RuntimeException {
  private final transient List<Problem> problems;

  public InvalidInputException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid input" : problems.get(0).describe());
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String field, String message) {
    this(List.of(new Problem(-1, field, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
