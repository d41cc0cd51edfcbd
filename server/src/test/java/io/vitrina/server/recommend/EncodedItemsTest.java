package io.vitrina.server.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import io.vitrina.engine.algorithm.Recommendations;
import io.vitrina.engine.algorithm.RecommendedItem;
import io.vitrina.engine.catalog.Item;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodedItemsTest {
  private static Recommendations answer() {
    Item phone =
        new Item(
            "sku-1",
            "Phone \"X\" <b>“Pro”</b>",
            "",
            "/item/1",
            null,
            List.of("Phones"),
            "Lumio",
            199.5,
            249.0,
            3,
            true,
            List.of(),
            Map.of(),
            null);
    return new Recommendations(
        "similar",
        List.of(
            new RecommendedItem(phone, 1.234567, "similar to “Case”", "similar"),
            new RecommendedItem(phone.withCreatedAt(null), 0.5, null, "popular")),
        Set.of(Recommendations.Reordering.PINS));
  }

  @Test
  void theEncodedAnswerIsTheSameJsonAsTheAnswerObject() {
    Recommendations answer = answer();
    JsonObject encoded =
        new JsonObject(
            RecommendationQuery.encoded(
                answer, "item-page", "token", new EncodedItems().of(answer)));
    assertEquals(RecommendationQuery.toJson(answer, "item-page", "token"), encoded);
    assertEquals(
        List.copyOf(RecommendationQuery.toJson(answer, "item-page", "token").fieldNames()),
        List.copyOf(encoded.fieldNames()));
  }

  @Test
  void anAnswerSentTwiceIsKeptAndOneSentOnceIsNot() {
    EncodedItems memo = new EncodedItems();
    Recommendations shared = answer();
    byte[] first = memo.of(shared);
    byte[] second = memo.of(shared);
    assertNotSame(first, second);
    assertSame(second, memo.of(shared));
    assertEquals(
        new String(first, java.nio.charset.StandardCharsets.UTF_8),
        new String(second, java.nio.charset.StandardCharsets.UTF_8));
  }
}
