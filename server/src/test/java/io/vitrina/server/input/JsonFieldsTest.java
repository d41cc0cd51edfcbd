package io.vitrina.server.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
  private static List<Problem> read(JsonObject json, boolean strict) {
    List<Problem> problems = new ArrayList<>();
    JsonFields f = new JsonFields(json, "lines[2].", problems);
    f.id("id", true);
    f.integer("limit", false, 1); // absent or not, a field read is a field known
    if (strict) f.refuseUnknown("category");
    else f.refuseMisspelled();
    return problems;
  }

  @Test
  void theFieldsReadAreTheKnownOnesAndTheRestAreRefusedWithTheirPath() {
    JsonObject json =
        new JsonObject().put("id", "a").put("lmit", 3).put("category", "x").put("colour", "red");
    assertEquals(
        List.of(
            new Problem(-1, "lines[2].lmit", "unknown field; did you mean \"limit\"?"),
            new Problem(
                -1, "lines[2].colour", "unknown field; the fields here are id, limit, category")),
        read(json, true));
  }

  @Test
  void onlyTyposAreRefusedWhereOtherSystemsFieldsAreWelcome() {
    JsonObject json = new JsonObject().put("id", "a").put("lmit", 3).put("page_location", "/p");
    assertEquals(
        List.of(new Problem(-1, "lines[2].lmit", "unknown field; did you mean \"limit\"?")),
        read(json, false));
  }

  @Test
  void aBatchEntryKeepsItsIndex() {
    Problem problem = read(new JsonObject().put("id", "a").put("lmit", 3), true).get(0).at(7);
    assertEquals(7, problem.index());
    assertEquals("lines[2].lmit", problem.field());
  }
}
