package io.vitrina.server.input;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a JSON parser's message into one line a person can act on, with the position. */
public final class JsonErrors {
  private static final Pattern POSITION = Pattern.compile("line: (\\d+), column: (\\d+)");

  private JsonErrors() {}

  public static String describe(Throwable error) {
    String raw = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    // Jackson's messages start with the problem and then describe its internal source object.
    String first = raw.split("\\R", 2)[0];
    int cut = first.indexOf(" (");
    if (cut > 0) first = first.substring(0, cut);
    first = first.replaceFirst("^Failed to decode:\\s*", "");
    Matcher at = POSITION.matcher(raw);
    String where = "";
    while (at.find()) where = " at line " + at.group(1) + ", column " + at.group(2);
    return first + where;
  }
}
