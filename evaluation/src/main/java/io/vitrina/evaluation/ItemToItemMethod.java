package io.vitrina.evaluation;

import java.util.List;
import java.util.Set;

/** A method that ranks items for the page of one item (the rest of a basket from its first). */
public interface ItemToItemMethod {
  /** Short name for the report, e.g. {@code also_bought}. */
  String name();

  /**
   * Up to {@code k} item ids related to {@code itemId}, best first, none in {@code exclude}. Must
   * be safe to call from several threads.
   */
  List<String> related(String itemId, Set<String> exclude, int k);
}
