package io.vitrina.engine.algorithm;

/**
 * Fills an explanation's template: the few specifiers reasons use ({@code %s}, {@code %d}, their
 * positional forms such as {@code %2$s}, and {@code %%}) by plain appends. {@link String#formatted}
 * parses its template with a regular expression on every call, which was 2% of a {@code personal}
 * request; any other specifier goes to it.
 */
final class Reasons {
  private Reasons() {}

  static String fill(String template, Object... args) {
    StringBuilder out = new StringBuilder(template.length() + 32 * args.length);
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int at = i + 1;
      int position = 0;
      while (at < template.length() && Character.isDigit(template.charAt(at)))
        position = position * 10 + (template.charAt(at++) - '0');
      boolean positional = position > 0 && at < template.length() && template.charAt(at) == '$';
      if (positional) at++;
      else if (at != i + 1) return template.formatted(args); // a width: not ours
      char conversion = at < template.length() ? template.charAt(at) : 0;
      if (conversion == '%' && !positional) {
        out.append('%');
      } else if (conversion == 's' || conversion == 'd') {
        int arg = positional ? position - 1 : next++;
        if (arg >= args.length) return template.formatted(args); // let it throw as it would
        out.append(args[arg]);
      } else {
        return template.formatted(args);
      }
      i = at;
    }
    return out.toString();
  }
}
