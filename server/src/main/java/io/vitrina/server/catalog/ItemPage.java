package io.vitrina.server.catalog;

import io.vitrina.engine.catalog.Item;
import java.util.List;

/** A page of a listing, and the {@code after} of the next page (null on the last one). */
public record ItemPage(List<Item> items, String next) {
  public ItemPage {
    items = List.copyOf(items);
  }
}
