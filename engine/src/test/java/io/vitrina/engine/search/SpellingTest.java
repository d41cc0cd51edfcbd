package io.vitrina.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
  private static final List<String> PARAMETERS =
      List.of("visitor", "customer", "item", "category", "q", "cart", "limit", "price_min");

  @Test
  void aTypoIsTakenForTheNameItIsOneOrTwoEditsFrom() {
    assertEquals(List.of("limit"), Spelling.nearest("lmit", PARAMETERS, 3));
    assertEquals(List.of("limit"), Spelling.nearest("limt", PARAMETERS, 3));
    assertEquals(List.of("limit"), Spelling.nearest("limti", PARAMETERS, 3), "a transposition");
    assertEquals(List.of("price_min"), Spelling.nearest("prce_mni", PARAMETERS, 3), "two edits");
    assertEquals(List.of("visitor"), Spelling.nearest("Visitor", PARAMETERS, 3), "case");
  }

  @Test
  void nothingIsSuggestedWhenNothingIsClose() {
    assertEquals(List.of(), Spelling.nearest("page", PARAMETERS, 3));
    assertEquals(List.of(), Spelling.nearest("lmt", PARAMETERS, 3), "short words need exactness");
    assertEquals(List.of(), Spelling.nearest("utm_source", PARAMETERS, 3));
    assertEquals(List.of(), Spelling.nearest("limit", PARAMETERS, 3), "itself is no suggestion");
  }

  @Test
  void theNearestComeFirst() {
    List<String> known = List.of("Smartphones", "Laptops", "Smartfone");
    assertEquals(List.of("Smartfone", "Smartphones"), Spelling.nearest("smartfones", known, 3));
    assertEquals(List.of("Smartfone"), Spelling.nearest("smartfones", known, 1));
  }

  @Test
  void distanceCountsEditsLikeLucenesFuzzyQueries() {
    assertEquals(0, Spelling.distance("limit", "limit", 2));
    assertEquals(1, Spelling.distance("lmit", "limit", 2));
    assertEquals(1, Spelling.distance("limti", "limit", 2));
    assertEquals(2, Spelling.distance("kitten", "sittin", 2));
    assertEquals(3, Spelling.distance("kitten", "sitting", 2), "beyond the bound");
  }
}
