package io.vitrina.engine.model;

import java.util.List;
import java.util.Map;

/**
 * What the model says about one item: the fields written into its catalog document.
 *
 * @param indicators per indicator name, the item's indicators, strongest first; names without any
 *     are absent
 * @param trend how fast its demand rises (0 when it does not, see {@link Trend})
 */
public record ItemModel(Map<String, List<Indicator>> indicators, float popularity, float trend) {
  public ItemModel {
    indicators = Map.copyOf(indicators);
  }
}
