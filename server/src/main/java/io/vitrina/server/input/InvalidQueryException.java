package io.vitrina.server.input;

import java.util.List;

/**
 * Query parameters that cannot be accepted, with every problem found in them: answered as {@code
 * invalid_parameter}, where a body's problems are {@code invalid_input}.
 */
public final class InvalidQueryException extends InvalidInputException {
  public InvalidQueryException(List<Problem> problems) {
    super(problems);
  }
}
