package io.vitrina.engine.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
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
  /** Per segment core, its items by doc id within the segment, and their doc ids by item id. */
  private final Map<IndexReader.CacheKey, Segment> bySegment = new ConcurrentHashMap<>();

  /**
   * One segment's items; {@code docById} holds the docs that were live when it was decoded, and
   * {@code categories} their category names by {@link #fold folded} name.
   */
  private record Segment(
      Item[] items, Map<String, Integer> docById, Map<String, Set<String>> categories) {}

  /** The items of every segment of {@code reader}, decoding the segments not seen before. */
  Items itemsOf(IndexReader reader) {
    List<LeafReaderContext> leaves = reader.leaves();
    Segment[] perLeaf = new Segment[leaves.size()];
    // New segments decode on all cores: after a model swap there are tens of thousands of items.
    IntStream.range(0, perLeaf.length)
        .parallel()
        .forEach(i -> perLeaf[i] = segment(leaves.get(i).reader()));
    return new Items(leaves, perLeaf);
  }

  private Segment segment(LeafReader leaf) {
    IndexReader.CacheHelper helper = leaf.getCoreCacheHelper();
    if (helper == null) return decode(leaf); // not cacheable: decode for this searcher only
    Segment cached = bySegment.get(helper.getKey());
    if (cached != null) return cached;
    Segment segment = decode(leaf);
    if (bySegment.putIfAbsent(helper.getKey(), segment) == null)
      helper.addClosedListener(bySegment::remove);
    return segment;
  }

  private static Segment decode(LeafReader leaf) {
    Item[] items = new Item[leaf.maxDoc()];
    Bits live = leaf.getLiveDocs();
    // A large segment (a model swap writes tens of thousands of documents into one) decodes in
    // slices on all cores, each with its own stored-fields reader (they are not thread-safe).
    int slices =
        items.length < PARALLEL_DECODE_MIN ? 1 : Runtime.getRuntime().availableProcessors();
    int sliceSize = (items.length + slices - 1) / Math.max(1, slices);
    IntStream.range(0, slices)
        .parallel()
        .forEach(
            slice -> {
              try {
                StoredFields stored = leaf.storedFields();
                int end = Math.min(items.length, (slice + 1) * sliceSize);
                for (int doc = slice * sliceSize; doc < end; doc++) {
                  if (live == null || live.get(doc))
                    items[doc] = ItemDocuments.fromStored(stored, doc);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    Map<String, Integer> docById = new HashMap<>(items.length * 4 / 3 + 1);
    Map<String, Set<String>> categories = new HashMap<>();
    for (int doc = 0; doc < items.length; doc++) {
      if (items[doc] == null) continue;
      docById.put(items[doc].id(), doc);
      for (String category : items[doc].categories())
        categories.computeIfAbsent(fold(category), k -> new TreeSet<>()).add(category);
    }
    return new Segment(items, docById, categories);
  }

  /** A category name as it is matched: without regard to case. */
  static String fold(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Segments smaller than this decode on one thread. */
  private static final int PARALLEL_DECODE_MIN = 10_000;

  /** The items of one searcher: by global doc id, and by item id. */
  record Items(List<LeafReaderContext> leaves, Segment[] perLeaf, int[] largestFirst) {
    /**
     * The largest segment is asked first: after a model swap it holds most of the catalog, so most
     * lookups end there instead of missing in every small segment first.
     */
    Items(List<LeafReaderContext> leaves, Segment[] perLeaf) {
      this(
          leaves,
          perLeaf,
          IntStream.range(0, perLeaf.length)
              .boxed()
              .sorted(Comparator.comparingInt((Integer leaf) -> -perLeaf[leaf].items().length))
              .mapToInt(Integer::intValue)
              .toArray());
    }

    Item get(int docId) {
      int leaf = ReaderUtil.subIndex(docId, leaves);
      return perLeaf[leaf].items()[docId - leaves.get(leaf).docBase];
    }

    /**
     * The item with this id that is live in this searcher, or null: a map lookup per segment
     * instead of a term query. An updated item's old document may still be in an older segment's
     * map; this searcher's live docs tell which one counts.
     */
    Item find(String id) {
      int doc = doc(id);
      return doc < 0 ? null : get(doc);
    }

    /** The global doc id of the live item with this id, or -1 (see {@link #find}). */
    int doc(String id) {
      for (int leaf : largestFirst) {
        Integer doc = perLeaf[leaf].docById().get(id);
        if (doc == null) continue;
        Bits live = leaves.get(leaf).reader().getLiveDocs();
        if (live == null || live.get(doc)) return leaves.get(leaf).docBase + doc;
      }
      return -1;
    }

    /**
     * The spellings of a category name in these segments, any case; those of items deleted since a
     * segment was decoded too (the caller asks the index which still have items).
     */
    Set<String> categorySpellings(String name) {
      Set<String> out = new TreeSet<>();
      for (Segment segment : perLeaf)
        out.addAll(segment.categories().getOrDefault(fold(name), Set.of()));
      return out;
    }

    /** Every category name of these segments (deleted items' too). */
    Set<String> categoryNames() {
      Set<String> out = new TreeSet<>();
      for (Segment segment : perLeaf) segment.categories().values().forEach(out::addAll);
      return out;
    }
  }
}
