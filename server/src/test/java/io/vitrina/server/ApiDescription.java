package io.vitrina.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** {@code openapi.yaml} as tests read it: operations, what their answers name, the codes table. */
final class ApiDescription {
  /** A row of the error codes table in {@code info.description}: {@code | `code` | 404 | …}. */
  private static final Pattern CODE_ROW =
      Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\d{3}|4xx) \\|");

  private static final Pattern BACKTICKED = Pattern.compile("`([a-z]+(?:_[a-z]+)*)`");

  /** One operation: its id, method and path, and its responses by status. */
  record Operation(
      String id, String method, String path, Map<String, Map<String, Object>> responses) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parameters(ApiDescription api) {
      List<Map<String, Object>> out = new ArrayList<>();
      Map<String, Object> item = (Map<String, Object>) api.paths().get(path);
      for (Object scope : List.of(item, item.get(method))) {
        Object list = ((Map<String, Object>) scope).get("parameters");
        if (list != null)
          for (Object p : (List<Object>) list) out.add((Map<String, Object>) api.resolve(p));
      }
      return out;
    }
  }

  private final Map<String, Object> root;

  private ApiDescription(Map<String, Object> root) {
    this.root = root;
  }

  static ApiDescription load() {
    try (InputStream in =
        ApiDescription.class.getClassLoader().getResourceAsStream("api/openapi.yaml")) {
      return new ApiDescription(
          new Yaml().load(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> paths() {
    return (Map<String, Object>) root.get("paths");
  }

  /** Error codes and their status ("404", or "4xx") from the table in {@code info.description}. */
  @SuppressWarnings("unchecked")
  Map<String, String> codeTable() {
    String description = (String) ((Map<String, Object>) root.get("info")).get("description");
    Map<String, String> out = new LinkedHashMap<>();
    Matcher row = CODE_ROW.matcher(description);
    while (row.find()) out.put(row.group(1), row.group(2));
    return out;
  }

  /** Every operation, by its operationId. */
  @SuppressWarnings("unchecked")
  Map<String, Operation> operations() {
    Map<String, Operation> out = new LinkedHashMap<>();
    paths()
        .forEach(
            (path, item) ->
                ((Map<String, Object>) item)
                    .forEach(
                        (method, op) -> {
                          if (method.equals("parameters")) return;
                          Map<String, Object> operation = (Map<String, Object>) op;
                          Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
                          ((Map<Object, Object>) operation.get("responses"))
                              .forEach(
                                  (status, response) ->
                                      responses.put(
                                          status.toString(),
                                          (Map<String, Object>) resolve(response)));
                          String id = (String) operation.get("operationId");
                          out.put(id, new Operation(id, method, path, responses));
                        }));
    return out;
  }

  /**
   * The codes a response names: in backticks in its description (those of {@code known}), as the
   * {@code error} of its examples, and as the {@code const} of its schema's {@code error} (an
   * {@code enum} says what it may be, not what this status is: see {@link #schemaCodes()}).
   */
  Set<String> codesNamed(Map<String, Object> response, Set<String> known) {
    Set<String> out = new LinkedHashSet<>();
    Object description = response.get("description");
    if (description != null) {
      Matcher code = BACKTICKED.matcher(description.toString());
      while (code.find()) if (known.contains(code.group(1))) out.add(code.group(1));
    }
    out.addAll(exampleCodes(response));
    out.addAll(schemaCodes(response.get("content"), false, new HashSet<>()));
    return out;
  }

  /**
   * Every code a schema of the document gives {@code error}, as its {@code const} or {@code enum}.
   */
  Set<String> schemaCodes() {
    return schemaCodes(root.get("components"), true, new HashSet<>());
  }

  /** The {@code error} values of a response's examples (every code an example answers). */
  @SuppressWarnings("unchecked")
  Set<String> exampleCodes(Map<String, Object> response) {
    Set<String> out = new LinkedHashSet<>();
    Object content = response.get("content");
    if (!(content instanceof Map<?, ?> media)) return out;
    for (Object type : media.values()) {
      Map<String, Object> m = (Map<String, Object>) type;
      errorsIn(m.get("example"), out);
      if (m.get("examples") instanceof Map<?, ?> examples)
        for (Object example : examples.values())
          errorsIn(((Map<String, Object>) resolve(example)).get("value"), out);
    }
    return out;
  }

  private static void errorsIn(Object example, Set<String> out) {
    if (example instanceof Map<?, ?> map && map.get("error") instanceof String code) out.add(code);
  }

  @SuppressWarnings("unchecked")
  private Set<String> schemaCodes(Object node, boolean withEnums, Set<Object> seen) {
    Set<String> out = new LinkedHashSet<>();
    if (node instanceof Map<?, ?> map) {
      if (map.containsKey("$ref")) {
        if (seen.add(map.get("$ref"))) out.addAll(schemaCodes(resolve(map), withEnums, seen));
        return out;
      }
      if (map.get("properties") instanceof Map<?, ?> properties
          && properties.get("error") instanceof Map<?, ?> error) {
        if (error.get("const") instanceof String code) out.add(code);
        if (withEnums && error.get("enum") instanceof List<?> codes)
          codes.forEach(code -> out.add(code.toString()));
      }
      for (Object value : map.values()) out.addAll(schemaCodes(value, withEnums, seen));
    } else if (node instanceof List<?> list) {
      for (Object value : list) out.addAll(schemaCodes(value, withEnums, seen));
    }
    return out;
  }

  /** A {@code $ref} followed within this document; anything else as it is. */
  @SuppressWarnings("unchecked")
  Object resolve(Object node) {
    while (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref) {
      Object at = root;
      for (String part : ref.substring(2).split("/"))
        at = ((Map<String, Object>) at).get(part.replace("~1", "/").replace("~0", "~"));
      node = at;
    }
    return node;
  }
}
