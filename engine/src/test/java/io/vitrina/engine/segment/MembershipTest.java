package io.vitrina.engine.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private final Membership membership = new Membership();

  @Test
  void countsFollowEachShoppersLatestSegments() {
    membership.update("v:a", List.of("lifecycle:never_bought", "browsers"));
    membership.update("v:b", List.of("lifecycle:never_bought"));
    assertEquals(2, membership.count("lifecycle:never_bought"));
    membership.update("v:a", List.of("lifecycle:new", "rfm:new_customers"));
    assertEquals(1, membership.count("lifecycle:never_bought"));
    assertEquals(0, membership.count("browsers"));
    assertEquals(1, membership.count("lifecycle:new"));
    membership.forget("v:a");
    assertEquals(0, membership.count("lifecycle:new"));
    assertEquals(List.of(), membership.of("v:a"));
  }

  @Test
  void membersArePagedInKeyOrder() {
    for (String key : List.of("v:d", "v:a", "v:c", "v:b")) membership.update(key, List.of("s"));
    membership.update("v:e", List.of("other"));
    assertEquals(List.of("v:a", "v:b"), membership.members("s", null, 2));
    assertEquals(List.of("v:c", "v:d"), membership.members("s", "v:b", 2));
    assertEquals(List.of(), membership.members("s", "v:d", 2));
  }

  @Test
  void retainOnlyForgetsShoppersWhoseProfileWent() {
    membership.update("v:a", List.of("s"));
    membership.update("v:b", List.of("s"));
    membership.retainOnly("v:b"::equals);
    assertEquals(List.of("v:b"), membership.members("s", null, 10));
    assertEquals(1, membership.count("s"));
  }
}
