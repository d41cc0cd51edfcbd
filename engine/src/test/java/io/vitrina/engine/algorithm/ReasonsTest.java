package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.IllegalFormatException;
import org.junit.jupiter.api.Test;

class ReasonsTest {
  @Test
  void fillsAsFormattedDoes() {
    for (String template :
        new String[] {
          "similar to %s",
          "because you viewed %1$s",
          "new, like %2$s, which shoppers who viewed %1$s, as you did, also viewed",
          "%2$d shoppers who viewed %1$s also viewed this",
          "%1$s is new, like %3$s: %2$d shoppers who viewed %3$s also viewed this",
          "100%% cotton, like %s",
          "no specifier",
          "%5s padded",
          "%.2f a float"
        }) {
      Object[] args =
          template.contains("%.2f") ? new Object[] {1.5} : new Object[] {"“Phone”", 12, "Case"};
      assertEquals(template.formatted(args), Reasons.fill(template, args), template);
    }
  }

  @Test
  void aMissingArgumentFailsAsFormattedDoes() {
    assertThrows(IllegalFormatException.class, () -> Reasons.fill("%s and %s", "one"));
  }
}
