package io.vitrina.engine.model;

import java.util.List;

/** What the model says about one item: the fields written into its catalog document. */
public record ItemModel(List<String> viewIndicators, List<String> buyIndicators, float popularity) {
  public static final ItemModel EMPTY = new ItemModel(List.of(), List.of(), 0f);

  public ItemModel {
    viewIndicators = List.copyOf(viewIndicators);
    buyIndicators = List.copyOf(buyIndicators);
  }
}
