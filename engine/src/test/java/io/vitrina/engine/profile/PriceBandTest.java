package io.vitrina.engine.profile;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceBandTest {
  @Test
  void bandsFollowTheOneTwoFiveSeries() {
    assertEquals("1000-2000", PriceBand.of(1000).orElseThrow().label());
    assertEquals("1000-2000", PriceBand.of(1999.99).orElseThrow().label());
    assertEquals("200-500", PriceBand.of(499).orElseThrow().label());
    assertEquals("500-1000", PriceBand.of(999.5).orElseThrow().label());
    assertEquals("0.5-1", PriceBand.of(0.7).orElseThrow().label());
  }

  @Test
  void aPriceThatIsNotPositiveHasNoBand() {
    assertEquals(Optional.empty(), PriceBand.of(0));
    assertEquals(Optional.empty(), PriceBand.of(-5));
    assertEquals(Optional.empty(), PriceBand.of(Double.NaN));
  }

  @Test
  void labelsParseBackAndOthersDoNot() {
    assertEquals(PriceBand.of(1500), PriceBand.parse("1000-2000"));
    assertEquals(Optional.empty(), PriceBand.parse("1000-3000"));
    assertEquals(Optional.empty(), PriceBand.parse("cheap"));
  }
}
