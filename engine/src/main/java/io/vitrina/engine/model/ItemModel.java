package io.vitrina.engine.model;

import java.util.List;
import java.util.Map;

/**
 * What the model says about one item: the fields written into its catalog document.
 *
 * @param indicators per indicator name, the item's indicators, strongest first; names without any
 *     are absent
 */
public record ItemModel(Map<String, List<Indicator>> indicators, float popularity) {
  public ItemModel {
    indicators = Map.copyOf(indicators);
  }
}
