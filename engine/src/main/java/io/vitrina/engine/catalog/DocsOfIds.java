package io.vitrina.engine.catalog;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A fixed list of item ids (a reverse index's ordinals, the most popular items) as one searcher's
 * live documents: each id is looked up in the searcher's id map once, on first use, and is an array
 * read from then on. A history sum ends in a few hundred ordinals, and their lookups by id (a hash
 * probe and a string compare each, most of them cache misses) were a third of a personal request's
 * CPU.
 *
 * <p>Shared by the threads that hold the searcher. Racing threads write the same value, and an int
 * is written whole, so a read sees either "not looked up yet" or the document.
 */
public final class DocsOfIds {
  private static final int UNKNOWN = -2;

  private final IntFunction<String> idAt;
  private final ItemTable.Items items;
  private final int[] docs;

  DocsOfIds(IntFunction<String> idAt, int size, ItemTable.Items items) {
    this.idAt = idAt;
    this.items = items;
    this.docs = new int[size];
    Arrays.fill(docs, UNKNOWN);
  }

  /** How many ids the list holds. */
  public int size() {
    return docs.length;
  }

  /**
   * The global doc id of the {@code index}th id's live item, or -1 when it is not in the catalog.
   */
  public int doc(int index) {
    int doc = docs[index];
    if (doc == UNKNOWN) docs[index] = doc = items.doc(idAt.apply(index));
    return doc;
  }
}
