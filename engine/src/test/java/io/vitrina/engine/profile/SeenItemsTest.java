package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeenItemsTest {
  @Test
  void keepsTheOrderGivenAndAnswersMembershipOfItsIdsOnly() {
    SeenItems seen = SeenItems.of(List.of("c", "a", "b"));
    assertEquals(List.of("c", "a", "b"), seen);
    assertTrue(seen.contains("a"));
    assertTrue(seen.contains(new String("b".toCharArray())), "by value, not by instance");
    assertFalse(seen.contains("d"));
    assertFalse(seen.contains(null));
    assertFalse(SeenItems.NONE.contains("a"));
  }

  @Test
  void anIdOtherProfilesKnowIsNotSeenByThisOne() {
    ItemIds ids = new ItemIds();
    int a = ids.intern("a");
    ids.intern("b");
    SeenItems seen = new SeenItems(ids, new int[] {a});
    assertTrue(seen.contains("a"));
    assertFalse(seen.contains("b"));
  }

  @Test
  void idsOfOneHashAreToldApart() {
    assertEquals("Aa".hashCode(), "BB".hashCode());
    assertFalse(SeenItems.of(List.of("Aa", "x")).contains("BB"));
    SeenItems both = SeenItems.of(List.of("BB", "y", "Aa"));
    assertTrue(both.contains("Aa"));
    assertTrue(both.contains("BB"));
    assertFalse(both.contains("Ab"));
  }
}
