package io.vitrina.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import io.vitrina.evaluation.RetailEvaluation.Report;
import io.vitrina.evaluation.RetailEvaluation.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetailEvaluationTest {
  @TempDir Path dir;

  /**
   * A generated store's log, written as CSV and read back as a store's export would be: on both
   * questions every method is scored on the same cases, and the methods that learn beat the floors
   * (the generator's customers keep to their categories and buy complements together).
   */
  @Test
  void bothQuestionsAreAnsweredOnAGeneratedOrderLogAndLearningBeatsTheFloors() {
    Path csv = dir.resolve("orders.csv");
    OrderLogGenerator.small(7L).generate().write(csv);
    OrderLog log = OrderLog.load(csv);

    Report report = RetailEvaluation.run(log, RetailEvaluation.Options.DEFAULTS);
    String table = report.toMarkdown();
    System.out.println(table);

    Table next = report.nextPeriod();
    assertTrue(next.cases() > 100, table);
    for (String method : List.of("popular", "personal", "ease", "item_knn", "random"))
      assertEquals(next.cases(), next.row(method).scores().users(), method + "\n" + table);
    double random = next.row("random").scores().ndcg();
    assertTrue(next.row("popular").scores().ndcg() > random, table);
    assertTrue(next.row("personal").scores().ndcg() > next.row("popular").scores().ndcg(), table);
    assertTrue(next.row("ease").scores().ndcg() > next.row("popular").scores().ndcg(), table);

    Table basket = report.restOfBasket();
    assertTrue(basket.cases() > 100, table);
    assertTrue(
        basket.row("also_bought").scores().ndcg() > basket.row("popular").scores().ndcg(), table);
    assertTrue(basket.row("ease").scores().ndcg() > basket.row("popular").scores().ndcg(), table);
  }

  @Test
  void aMalformedLogNamesEveryProblemWithItsLine() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(
        csv,
        """
        order_id,customer_id,item_id,quantity,price,time
        o1,c1,i1,1,9.90,2026-03-01T10:00:00Z
        o2,,i2,one,9.90,2026-03-01 10:00:00
        o3,c3,i3,1,-2,yesterday
        """);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OrderLog.load(csv));
    String message = e.getMessage();
    for (String problem :
        List.of(
            "line 3, customer: is empty",
            "line 3, quantity: is not a number: one",
            "line 4, price: is negative: -2",
            "line 4, time: is not an ISO-8601 time"))
      assertTrue(message.contains(problem), problem + " in " + message);
  }

  @Test
  void theHeaderMayNameItsColumnsOtherwiseAndReturnsAreLeftOut() throws IOException {
    Path csv = dir.resolve("export.csv");
    Files.writeString(
        csv,
        """
        created_at,item,customer,order_id,price,quantity
        2026-03-02,i2,c1,o2,5,-1
        1772359200,i1,c1,o1,"12.50",2
        """);
    OrderLog log = OrderLog.load(csv);
    assertEquals(1, log.returnsLeftOut());
    assertEquals(
        List.of(new OrderLog.Line("o1", "c1", "i1", 2, 12.5, Instant.ofEpochSecond(1772359200L))),
        log.lines());
  }

  @Test
  void aLogWithoutTheColumnsSaysWhichAreMissing() throws IOException {
    Path csv = dir.resolve("short.csv");
    Files.writeString(csv, "order,user,sku\no1,c1,i1\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OrderLog.load(csv));
    assertTrue(
        e.getMessage().contains("lacks order_id, customer, item, quantity, price, time"),
        e.getMessage());
  }
}
