package io.vitrina.engine.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;

/**
 * Every item of a searcher's segments, decoded once, by doc id: what a response shows is read from
 * memory, not from compressed stored fields per hit (which cost a fifth of a request's CPU).
 *
 * <p>Segments are immutable, so a segment's items are decoded when a searcher first sees it and
 * shared by every later searcher that still has it; they are dropped when Lucene closes the segment
 * (after a merge). Deleted documents keep their slot: searches never return them.
 */
final class ItemTable {
  /** Per segment core, its items by doc id within the segment. */
  private final Map<IndexReader.CacheKey, Item[]> bySegment = new ConcurrentHashMap<>();

  /** The items of every segment of {@code reader}, decoding the segments not seen before. */
  Items itemsOf(IndexReader reader) {
    List<LeafReaderContext> leaves = reader.leaves();
    Item[][] perLeaf = new Item[leaves.size()][];
    for (int i = 0; i < perLeaf.length; i++) perLeaf[i] = segment(leaves.get(i).reader());
    return new Items(leaves, perLeaf);
  }

  private Item[] segment(LeafReader leaf) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) return decode(leaf); // not cacheable: decode for this searcher only
    Item[] cached = bySegment.get(helper.getKey());
    if (cached != null) return cached;
    Item[] items = decode(leaf);
    if (bySegment.putIfAbsent(helper.getKey(), items) == null)
      helper.addClosedListener(bySegment::remove);
    return items;
  }

  private static Item[] decode(LeafReader leaf) {
    try {
      Item[] items = new Item[leaf.maxDoc()];
      StoredFields stored = leaf.storedFields();
      Bits live = leaf.getLiveDocs();
      for (int doc = 0; doc < items.length; doc++) {
        if (live == null || live.get(doc)) items[doc] = ItemDocuments.fromStored(stored, doc);
      }
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Segments decoded so far (for tests and metrics). */
  int segments() {
    return bySegment.size();
  }

  /** The items of one searcher: a global doc id to its item. */
  record Items(List<LeafReaderContext> leaves, Item[][] perLeaf) {
    Item get(int docId) {
      int leaf = ReaderUtil.subIndex(docId, leaves);
      return perLeaf[leaf][docId - leaves.get(leaf).docBase];
    }
  }
}
