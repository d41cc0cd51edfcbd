package io.vitrina.engine.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vitrina.engine.profile.SeenItems;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExclusionsTest {
  @Test
  void holdsTheIdsAddedAndTheSeenItemsEachOnce() {
    Exclusions excluded = new Exclusions();
    assertTrue(excluded.add("x"));
    excluded.addSeen(SeenItems.of(List.of("a", "x", "b")));
    excluded.addSeen(SeenItems.of(List.of("b", "c")));
    assertFalse(excluded.add("a"), "already seen");
    assertTrue(excluded.contains("c"));
    assertFalse(excluded.contains("d"));
    assertEquals(List.of("x", "a", "b", "c"), List.copyOf(excluded));
    assertEquals(4, excluded.size());
    assertTrue(excluded.atMost() >= excluded.size());
    assertEquals(Set.of("x", "a", "b", "c"), excluded);
  }
}
