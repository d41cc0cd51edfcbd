package io.vitrina.engine.model;

import java.util.Map;

/**
 * What the model says about one item: the fields written into its catalog document.
 *
 * @param indicators per indicator name, the ids the item's field holds, strongest first; names
 *     without any are absent
 */
public record ItemModel(Map<String, java.util.List<String>> indicators, float popularity) {
  public ItemModel {
    indicators = Map.copyOf(indicators);
  }
}
