package io.vitrina.engine.catalog;

import io.vitrina.engine.model.Indicator;
import io.vitrina.engine.model.ItemModel;
import io.vitrina.engine.model.ItemVectors;
import io.vitrina.engine.model.ModelSnapshot;
import io.vitrina.engine.model.ReverseIndicators;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The serving index of a store's catalog: one Lucene document per item, carrying the item's own
 * fields and its demand in the current model (popularity, trend); each searcher carries the model
 * itself, whose indicators are kept in memory, turned around for history sums.
 *
 * <p>Writes go through one {@link IndexWriter}; readers use searchers ({@link ModelSearchers})
 * reopened in the background every {@code refreshMillis}, so an upsert is searchable within that
 * interval and no read ever waits for a write. A model swap rewrites the documents whose demand
 * moved while writes and reopens wait, so readers see the old model or the new one, never a mix.
 *
 * <p>The index is derived state: it is rebuilt from the system of record at start, which is why it
 * never commits except on close.
 */
public final class CatalogIndex implements Closeable {
  private final Directory directory;
  private final IndexWriter writer;
  private final ModelSearchers searchers;
  private final ScheduledExecutorService refresher;

  /** Writes and reopens share it; a model swap holds it alone, so readers never see a mix. */
  private final ReentrantReadWriteLock modelSwap = new ReentrantReadWriteLock();

  private final Analyzer analyzer = CatalogAnalyzers.create();
  private final IndicatorBorrowing borrowing = new IndicatorBorrowing(analyzer);

  /**
   * Indicators items without their own borrowed from look-alikes at upsert, and who lent each, kept
   * until the model gives them theirs.
   */
  private final BorrowedIndicators borrowed = new BorrowedIndicators();

  /** When items came back: out of stock before an upsert, in stock after it. */
  private final Map<String, Instant> restocked = new ConcurrentHashMap<>();

  private final ItemTable items = new ItemTable();
  private volatile ModelSnapshot model = ModelSnapshot.EMPTY;

  /** The model's indicators turned around, for history sums; rebuilt when they change. */
  private volatile ReverseIndicators reverse = ReverseIndicators.EMPTY;

  /** The model's most popular items, most first (see {@link #mostPopular}). */
  private volatile List<String> mostPopular = List.of();

  private volatile ItemVectors vectors = ItemVectors.NONE;

  /** Per item, the items most alike by content (see {@link #swapContentNeighbours}). */
  private final AtomicReference<ItemNeighbours> contentNeighbours =
      new AtomicReference<>(ItemNeighbours.NONE);

  private CatalogIndex(Directory directory, long refreshMillis) throws IOException {
    this.directory = directory;
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(32);
    this.writer = new IndexWriter(directory, config);
    this.searchers =
        new ModelSearchers(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                // Reopens happen under the lock (read side for writes, write side for a swap), so
                // the model read here is the one the reader's documents were written with.
                return new ModelSearcher(
                    reader,
                    model,
                    reverse,
                    mostPopular,
                    borrowed,
                    restocked,
                    items.itemsOf(reader),
                    contentNeighbours);
              }
            });
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "catalog-index-refresh");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(
        this::refreshQuietly, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
  }

  /** An index in files under {@code path} (memory-mapped, so it costs little heap). */
  public static CatalogIndex onDisk(Path path, long refreshMillis) throws IOException {
    return new CatalogIndex(new MMapDirectory(path), refreshMillis);
  }

  /** An index in heap memory, for tests and small tools. */
  public static CatalogIndex inMemory(long refreshMillis) throws IOException {
    return new CatalogIndex(new ByteBuffersDirectory(), refreshMillis);
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  /** The model whose outputs the documents now carry (the newest; a held searcher may be older). */
  public ModelSnapshot model() {
    return model;
  }

  /** The factor model's item vectors (kept beside the index, not in its documents). */
  public ItemVectors vectors() {
    return vectors;
  }

  /** Serves {@code next} from now on; requests under way keep the vectors they read. */
  public void swapVectors(ItemVectors next) {
    vectors = next;
  }

  /**
   * Serves {@code next} as the items' content neighbours from now on, to every searcher: lists of
   * ids, which each searcher resolves to its own documents, and requests check against its rules.
   */
  public void swapContentNeighbours(ItemNeighbours next) {
    contentNeighbours.set(next);
  }

  /**
   * The item's neighbours by content, as last swapped in, as {@code searcher}'s documents; null
   * when the item has no list.
   */
  public static ItemNeighbours.Listed contentNeighbours(IndexSearcher searcher, String itemId) {
    NeighbourDocs current = ((ModelSearcher) searcher).neighbourDocs();
    ItemNeighbours.Neighbours listed = current.lists().of(itemId);
    if (listed == null) return null;
    int[] docs = new int[listed.ordinals().length];
    for (int k = 0; k < docs.length; k++) docs[k] = current.docs().doc(listed.ordinals()[k]);
    return new ItemNeighbours.Listed(docs, listed.scores());
  }

  /** Lists of neighbours and the documents of their ordinals in one searcher. */
  private record NeighbourDocs(ItemNeighbours lists, DocsOfIds docs) {}

  /** Every live item of {@code searcher}, in doc order. */
  public static List<Item> liveItems(IndexSearcher searcher) {
    List<Item> out = new ArrayList<>(searcher.getIndexReader().numDocs());
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = 0; doc < leaf.reader().maxDoc(); doc++)
        if (live == null || live.get(doc)) out.add(item(searcher, leaf.docBase + doc));
    }
    return out;
  }

  /** A searcher with the model its documents were written with, and their items in memory. */
  private static final class ModelSearcher extends IndexSearcher {
    private final ModelSnapshot model;
    private final ReverseIndicators reverse;
    private final List<String> mostPopular;
    private final BorrowedIndicators borrowed;

    /** The borrowed lists turned around as they were when this searcher opened. */
    private final ReverseIndicators borrowedReverse;

    private final Map<String, Instant> restocked;
    private final ItemTable.Items items;

    /** The index's, as swapped: not tied to this searcher's documents. */
    private final AtomicReference<ItemNeighbours> contentNeighbours;

    private final DocsOfIds reverseDocs;
    private final DocsOfIds borrowedReverseDocs;
    private final DocsOfIds mostPopularDocs;

    /** The content neighbours' documents, for the lists last read (made again after a swap). */
    private volatile NeighbourDocs neighbourDocs;

    /**
     * Counts of queries asked again and again (a price band's rarity), for this searcher's life.
     */
    private final Map<Query, Integer> counts = new ConcurrentHashMap<>();

    /**
     * Per document, its item's popularity in the model as float bits, {@link #UNKNOWN} until first
     * asked (see {@link DocsOfIds} on why racing writes are harmless).
     */
    private final int[] popularityByDoc;

    /** Each document's row in the factor model's vectors, for the vectors last asked. */
    private volatile VectorRows vectorRows;

    /** The documents of rule queries every request asks alike, for this searcher's life. */
    private final Map<Query, FixedBitSet> docSets = new ConcurrentHashMap<>();

    ModelSearcher(
        IndexReader reader,
        ModelSnapshot model,
        ReverseIndicators reverse,
        List<String> mostPopular,
        BorrowedIndicators borrowed,
        Map<String, Instant> restocked,
        ItemTable.Items items,
        AtomicReference<ItemNeighbours> contentNeighbours) {
      super(reader);
      this.contentNeighbours = contentNeighbours;
      this.model = model;
      this.reverse = reverse;
      this.mostPopular = mostPopular;
      this.borrowed = borrowed;
      this.borrowedReverse = borrowed.reverse();
      this.restocked = restocked;
      this.items = items;
      this.reverseDocs = new DocsOfIds(reverse::id, reverse.size(), items);
      this.borrowedReverseDocs = new DocsOfIds(borrowedReverse::id, borrowedReverse.size(), items);
      this.mostPopularDocs = new DocsOfIds(mostPopular::get, mostPopular.size(), items);
      this.popularityByDoc = new int[reader.maxDoc()];
      Arrays.fill(popularityByDoc, UNKNOWN);
    }

    /** Racing threads may both make them after a swap; either's serve alike. */
    NeighbourDocs neighbourDocs() {
      ItemNeighbours lists = contentNeighbours.get();
      NeighbourDocs known = neighbourDocs;
      if (known != null && known.lists() == lists) return known;
      NeighbourDocs made =
          new NeighbourDocs(lists, new DocsOfIds(lists::id, lists.listedItems(), items));
      neighbourDocs = made;
      return made;
    }
  }

  /**
   * The indicators named {@code name} of {@code itemId} as {@code searcher}'s documents carry them:
   * the model's, or those it borrowed from look-alikes; empty when it has none.
   */
  public static List<Indicator> indicators(IndexSearcher searcher, String name, String itemId) {
    ModelSearcher models = (ModelSearcher) searcher;
    List<Indicator> own = models.model.indicators(name).get(itemId);
    if (own != null) return own;
    IndicatorBorrowing.Lent lent = models.borrowed.get(itemId);
    return lent == null ? List.of() : lent.indicators().getOrDefault(name, List.of());
  }

  /**
   * The indicators {@code searcher}'s model gave items, turned around: per item, the items whose
   * lists hold it (see {@link ReverseIndicators}).
   */
  public static ReverseIndicators reverseIndicators(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).reverse;
  }

  /**
   * The {@value #MOST_POPULAR} items of most demand in {@code searcher}'s model, most first (in
   * stock or not, in the catalog or not): the head of a popularity ranking without a query.
   */
  public static List<String> mostPopular(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).mostPopular;
  }

  /**
   * How many documents of {@code searcher} match {@code query}, counted once per searcher: for the
   * few queries every request asks alike (a price band's rarity), not for ad-hoc ones.
   */
  public static int count(IndexSearcher searcher, Query query) {
    Map<Query, Integer> counts = ((ModelSearcher) searcher).counts;
    Integer known = counts.get(query);
    if (known != null) return known;
    try {
      int count = searcher.count(query);
      if (counts.size() < MAX_COUNTS) counts.put(query, count);
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts kept per searcher; past it, counts are not kept. */
  static final int MAX_COUNTS = 10_000;

  /**
   * The live documents of {@code searcher} that match {@code query}, as a bit per document of the
   * whole index, found once per searcher: for rules every request asks alike (stock), so that
   * checking a ranking made in advance is a bit test per candidate instead of a skip through
   * postings. Not for a request's own filters or a page's restrictions: there is no end to those,
   * and a set costs a pass over every matching document. Past {@value #MAX_DOC_SETS} queries, sets
   * are not kept.
   */
  public static Bits docSet(IndexSearcher searcher, Query query) {
    Map<Query, FixedBitSet> sets = ((ModelSearcher) searcher).docSets;
    FixedBitSet known = sets.get(query);
    if (known != null) return known;
    FixedBitSet found = matching(searcher, query);
    if (sets.size() < MAX_DOC_SETS) sets.putIfAbsent(query, found);
    return found;
  }

  /** Rule queries whose documents are kept per searcher (about 12 KB each at 100k items). */
  static final int MAX_DOC_SETS = 64;

  private static FixedBitSet matching(IndexSearcher searcher, Query query) {
    try {
      Weight weight =
          searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
      FixedBitSet bits = new FixedBitSet(Math.max(1, searcher.getIndexReader().maxDoc()));
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        ScorerSupplier supplier = weight.scorerSupplier(leaf);
        if (supplier == null) continue;
        DocIdSetIterator docs = supplier.get(Long.MAX_VALUE).iterator();
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc())
          if (live == null || live.get(doc)) bits.set(leaf.docBase + doc);
      }
      return bits;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Items kept in {@link #mostPopular}. */
  public static final int MOST_POPULAR = 2_000;

  /**
   * The same for the indicators new items borrowed from look-alikes, as of the catalog write the
   * searcher opened on: their items have no place in the model's.
   */
  public static ReverseIndicators borrowedReverseIndicators(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).borrowedReverse;
  }

  /** The live documents of {@link #reverseIndicators}' ordinals in {@code searcher}. */
  public static DocsOfIds reverseDocs(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).reverseDocs;
  }

  /** The live documents of {@link #borrowedReverseIndicators}' ordinals in {@code searcher}. */
  public static DocsOfIds borrowedReverseDocs(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).borrowedReverseDocs;
  }

  /** The live documents of {@link #mostPopular}, in its order, in {@code searcher}. */
  public static DocsOfIds mostPopularDocs(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).mostPopularDocs;
  }

  /**
   * The look-alike that lent {@code indicated} to the indicators named {@code name} of {@code
   * itemId} (see {@link #indicators}); null when the item's list is its own or does not hold it.
   */
  public static String lenderOf(
      IndexSearcher searcher, String name, String itemId, String indicated) {
    ModelSearcher models = (ModelSearcher) searcher;
    if (models.model.indicators(name).containsKey(itemId)) return null;
    IndicatorBorrowing.Lent lent = models.borrowed.get(itemId);
    return lent == null ? null : lent.lender(name, indicated);
  }

  /**
   * The popularity of a document's item in {@code searcher}'s model, like {@code
   * modelOf(searcher).popularity()} but read from an array after the first time.
   */
  public static float popularityOfDoc(IndexSearcher searcher, int doc) {
    ModelSearcher models = (ModelSearcher) searcher;
    int bits = models.popularityByDoc[doc];
    if (bits == UNKNOWN) {
      String id = models.items.get(doc).id();
      bits = Float.floatToIntBits(models.model.popularity().getOrDefault(id, 0f));
      models.popularityByDoc[doc] = bits;
    }
    return Float.intBitsToFloat(bits);
  }

  /**
   * The row of a document's item in {@code vectors} (see {@link ItemVectors#row}), read from an
   * array after the first time: the vectors are swapped apart from the searchers, so each searcher
   * keeps the rows of the last vectors asked.
   */
  public static int vectorRowOfDoc(IndexSearcher searcher, ItemVectors vectors, int doc) {
    ModelSearcher models = (ModelSearcher) searcher;
    VectorRows rows = models.vectorRows;
    if (rows == null || rows.vectors() != vectors)
      models.vectorRows = rows = VectorRows.of(vectors, searcher.getIndexReader().maxDoc());
    int row = rows.rows()[doc];
    if (row == UNKNOWN) rows.rows()[doc] = row = vectors.row(models.items.get(doc).id());
    return row;
  }

  private record VectorRows(ItemVectors vectors, int[] rows) {
    static VectorRows of(ItemVectors vectors, int maxDoc) {
      int[] rows = new int[maxDoc];
      Arrays.fill(rows, UNKNOWN);
      return new VectorRows(vectors, rows);
    }
  }

  /**
   * Not looked up yet: neither a float's bits ({@link Float#floatToIntBits} gives every NaN as
   * 0x7fc00000) nor a row (-1 is none).
   */
  private static final int UNKNOWN = -2;

  /**
   * Whether {@code searcher}'s model recorded demand for the item (views, carts, purchases,
   * decayed): an item without it ranks by popularity only at the floor every item has, and is not
   * popular.
   */
  public static boolean hasDemand(IndexSearcher searcher, String itemId) {
    return ((ModelSearcher) searcher).model.popularity().getOrDefault(itemId, 0f)
        >= ItemDocuments.MIN_POPULARITY;
  }

  /**
   * The model that {@code searcher}'s documents carry: what explanations must read, so that they
   * agree with what the searcher ranked even while a swap publishes a newer model.
   */
  public static ModelSnapshot modelOf(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).model;
  }

  /** Adds or replaces items. Blocking I/O: call from a worker thread. */
  public void upsert(Collection<Item> items) {
    modelSwap.readLock().lock();
    try {
      ModelSnapshot current = model;
      // Before the first model there is nothing to borrow (and a start-up load is all items).
      boolean borrow = hasIndicators(current);
      IndexSearcher previous = searchers.acquire();
      try {
        Instant now = Instant.now();
        for (Item item : items) {
          Item before = find(previous, item.id()).orElse(null);
          if (before != null && !before.inStock() && item.inStock()) restocked.put(item.id(), now);
          if (borrow && current.forItem(item.id()).indicators().isEmpty())
            borrowFor(item, previous, current);
          writer.updateDocument(
              new Term(ItemFields.ID, item.id()),
              ItemDocuments.toDocument(
                  item,
                  current.popularity().getOrDefault(item.id(), 0f),
                  current.trend().getOrDefault(item.id(), 0f),
                  analyzer));
        }
      } finally {
        searchers.release(previous);
      }
      borrowed.publish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      modelSwap.readLock().unlock();
    }
  }

  /** Restock times the system of record kept (at start: the index has no earlier state). */
  public void restocked(Map<String, Instant> known) {
    restocked.putAll(known);
  }

  /** When {@code itemId} last came back in stock, or null. */
  public static Instant restockedAt(IndexSearcher searcher, String itemId) {
    return ((ModelSearcher) searcher).restocked.get(itemId);
  }

  /** Lends {@code item} the indicators of its look-alikes, or forgets what it borrowed before. */
  private void borrowFor(Item item, IndexSearcher lenders, ModelSnapshot model) throws IOException {
    IndicatorBorrowing.Lent lent = borrowing.borrow(item, lenders, model);
    if (lent.isEmpty()) borrowed.remove(item.id());
    else borrowed.put(item.id(), lent);
  }

  private static boolean hasIndicators(ModelSnapshot model) {
    return model.indicators().values().stream().anyMatch(byItem -> !byItem.isEmpty());
  }

  /** Removes an item; returns nothing because a missing id is not an error here. Blocking. */
  public void delete(String itemId) {
    modelSwap.readLock().lock();
    try {
      borrowed.remove(itemId);
      writer.deleteDocuments(new Term(ItemFields.ID, itemId));
      borrowed.publish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      modelSwap.readLock().unlock();
    }
  }

  /** Makes all writes so far visible to searches now, rather than at the next background reopen. */
  public void refresh() {
    modelSwap.readLock().lock();
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      modelSwap.readLock().unlock();
    }
  }

  private void refreshQuietly() {
    if (!modelSwap.readLock().tryLock()) return; // a swap is under way; it refreshes when done
    try {
      searchers.maybeRefresh();
    } catch (IOException | RuntimeException e) {
      // The next tick tries again; a failing reopen must not kill the scheduler.
      System.getLogger(CatalogIndex.class.getName())
          .log(System.Logger.Level.WARNING, "index refresh failed", e);
    } finally {
      modelSwap.readLock().unlock();
    }
  }

  /**
   * Serves {@code next} and puts its demand into the documents, visible at once; returns how many
   * documents were rewritten. The indicators stay in memory (turned around, see {@link
   * ReverseIndicators}), so only items whose popularity moved by more than {@link
   * #POPULARITY_TOLERANCE}, or whose trend changed its step, are rewritten: a model build or a
   * popularity refresh then costs the items that had traffic, not every item with indicators (half
   * the catalog at 100k items, most of a build's time). The published model carries the values the
   * documents actually hold, so small moves add up until they pass the tolerance.
   *
   * <p>Reads go on against the previous searcher meanwhile; writes wait. Blocking: call from a
   * worker thread.
   */
  public int swapModel(ModelSnapshot next) {
    modelSwap.writeLock().lock();
    try {
      ModelSnapshot previous = model;
      Map<String, Float> written = new HashMap<>(next.popularity());
      Map<String, Float> writtenTrend = new HashMap<>(next.trend());
      int rewritten = 0;
      boolean newIndicators = next.indicators() != previous.indicators();
      // An item the model now gives lists of its own gives up those it borrowed.
      if (newIndicators) borrowed.removeIf(id -> !next.forItem(id).indicators().isEmpty());
      searchers.maybeRefreshBlocking();
      IndexSearcher searcher = searchers.acquire();
      try {
        // Documents are built on every core, a chunk at a time, and written by this thread in a
        // repeatable order: documents' order breaks score ties, so it must not depend on threads
        // (a fully parallel rewrite made answers differ from run to run).
        List<String> ids = new ArrayList<>(idsIn(previous, next));
        for (int from = 0; from < ids.size(); from += SWAP_CHUNK) {
          List<Rewrite> chunk =
              ids.subList(from, Math.min(ids.size(), from + SWAP_CHUNK)).parallelStream()
                  .map(id -> rewrite(id, previous, next, searcher))
                  .toList();
          for (Rewrite r : chunk) {
            if (r.document() != null) {
              writer.updateDocument(new Term(ItemFields.ID, r.id()), r.document());
              rewritten++;
            } else if (r.keep() != null) {
              keep(written, r.id(), r.keep().popularity());
              keep(writtenTrend, r.id(), r.keep().trend());
            }
          }
        }
      } finally {
        searchers.release(searcher);
      }
      // Published before the reopen, which hands it to the new searcher (see modelOf). Writes wait
      // on the lock, so none used the old one. A popularity refresh that rewrote nothing keeps the
      // searcher, whose model says the same about every item it holds; new indicators open a new
      // searcher over the same documents.
      if (newIndicators) {
        reverse = ReverseIndicators.of(next.indicators());
        searchers.modelChanged();
      }
      borrowed.publish();
      // A refresh that moved nothing keeps the model it had, so the copies made here die young
      // instead of replacing ~100k entries with equal ones each minute: copies that outlive the
      // refresh are what young collections copy (their long pauses under load are Object Copy).
      ModelSnapshot swapped = next.withDemand(written, writtenTrend);
      if (rewritten > 0 || !swapped.equals(previous)) {
        mostPopular = mostPopular(written);
        model = swapped;
      }
      searchers.maybeRefreshBlocking();
      return rewritten;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      modelSwap.writeLock().unlock();
    }
  }

  /** The {@link #MOST_POPULAR} ids of the largest popularity, largest first (ties by id). */
  private static List<String> mostPopular(Map<String, Float> popularity) {
    Comparator<Map.Entry<String, Float>> order =
        Map.Entry.<String, Float>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey());
    // The best few of ~100k kept in a heap whose head is the worst kept: sorting them all took a
    // quarter of a popularity refresh.
    PriorityQueue<Map.Entry<String, Float>> best =
        new PriorityQueue<>(MOST_POPULAR + 1, order.reversed());
    for (Map.Entry<String, Float> e : popularity.entrySet()) {
      if (e.getValue() < ItemDocuments.MIN_POPULARITY) continue;
      if (best.size() < MOST_POPULAR) best.add(e);
      else if (order.compare(e, best.peek()) < 0) {
        best.poll();
        best.add(e);
      }
    }
    List<Map.Entry<String, Float>> kept = new ArrayList<>(best);
    kept.sort(order);
    return kept.stream().map(Map.Entry::getKey).toList();
  }

  /** Documents built per thread before the writer takes them, in order. */
  static final int SWAP_CHUNK = 2_048;

  /**
   * What a swap does with one item: writes {@code document}, or keeps the document it has, whose
   * outputs are {@code keep}; both null when the catalog no longer has the item.
   */
  private record Rewrite(String id, Document document, ItemModel keep) {}

  /**
   * The document of {@code id} with {@code next}'s demand if it differs enough from what it holds;
   * else what it keeps. Safe on several threads: it only reads.
   */
  private Rewrite rewrite(
      String id, ModelSnapshot previous, ModelSnapshot next, IndexSearcher searcher) {
    float popularity = previous.popularity().getOrDefault(id, 0f);
    float trend = previous.trend().getOrDefault(id, 0f);
    float nextPopularity = next.popularity().getOrDefault(id, 0f);
    float nextTrend = next.trend().getOrDefault(id, 0f);
    if (close(popularity, nextPopularity) && sameTrend(trend, nextTrend))
      return new Rewrite(id, null, new ItemModel(Map.of(), popularity, trend));
    Optional<Item> item = find(searcher, id);
    // The model knows items the catalog no longer has.
    if (item.isEmpty()) return new Rewrite(id, null, null);
    return new Rewrite(
        id, ItemDocuments.toDocument(item.get(), nextPopularity, nextTrend, analyzer), null);
  }

  /** Relative change below which a document keeps its popularity (see {@link #swapModel}). */
  private static final float POPULARITY_TOLERANCE = 0.05f;

  private static void keep(Map<String, Float> written, String id, float value) {
    if (value > 0) written.put(id, value);
    else written.remove(id);
  }

  /**
   * Trends count alike within a step of 50%: a trend is a difference of two decaying rates and
   * moves at every popularity refresh, and rewriting each mover every minute (tried: 5% tolerance)
   * took a third of the cold item pages' throughput on the 100k store.
   */
  private static boolean sameTrend(float before, float after) {
    boolean hadNone = before < ItemDocuments.MIN_POPULARITY;
    boolean hasNone = after < ItemDocuments.MIN_POPULARITY;
    if (hadNone || hasNone) return hadNone == hasNone;
    return Math.floor(Math.log(before) / TREND_STEP) == Math.floor(Math.log(after) / TREND_STEP);
  }

  private static final double TREND_STEP = Math.log(1.5);

  private static boolean close(float before, float after) {
    float a = Math.max(before, ItemDocuments.MIN_POPULARITY);
    float b = Math.max(after, ItemDocuments.MIN_POPULARITY);
    return Math.abs(a - b) <= POPULARITY_TOLERANCE * Math.max(a, b);
  }

  /** Every item either model gives demand; the others have none in both. */
  private static Set<String> idsIn(ModelSnapshot previous, ModelSnapshot next) {
    Set<String> ids = new HashSet<>(next.popularity().keySet());
    ids.addAll(previous.popularity().keySet());
    ids.addAll(next.trend().keySet());
    ids.addAll(previous.trend().keySet());
    return ids;
  }

  /** Runs {@code work} against the current searcher and releases it afterwards. */
  public <T> T withSearcher(SearcherFunction<T> work) {
    IndexSearcher searcher;
    try {
      searcher = searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return work.apply(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        searchers.release(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public Optional<Item> get(String itemId) {
    return withSearcher(searcher -> find(searcher, itemId));
  }

  /** An item by id through a searcher already held, so that one request sees one catalog. */
  public static Optional<Item> find(IndexSearcher searcher, String itemId) {
    return Optional.ofNullable(((ModelSearcher) searcher).items.find(itemId));
  }

  /**
   * The spellings {@code searcher}'s catalog gives a category name, matched without regard to case
   * ({@code phones} finds {@code Phones}), the one with the most items first; empty when no item is
   * under it.
   */
  public static List<String> categorySpellings(IndexSearcher searcher, String name) {
    Map<String, Integer> items = new HashMap<>();
    for (String spelling : ((ModelSearcher) searcher).items.categorySpellings(name)) {
      try {
        // Counted, not taken from the decoded segments: an item deleted since is no longer in it.
        int count = searcher.count(new TermQuery(new Term(ItemFields.CATEGORY, spelling)));
        if (count > 0) items.put(spelling, count);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return items.keySet().stream()
        .sorted(
            Comparator.comparing((String spelling) -> items.get(spelling))
                .reversed()
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /**
   * Every category name of {@code searcher}'s catalog, in any case (some may have no item left).
   */
  public static Set<String> categoryNames(IndexSearcher searcher) {
    return ((ModelSearcher) searcher).items.categoryNames();
  }

  /** The ids among {@code ids} that the catalog has (in stock or not), from memory. */
  public Set<String> existing(Collection<String> ids) {
    if (ids.isEmpty()) return Set.of();
    return withSearcher(
        searcher -> {
          Set<String> found = new HashSet<>(ids.size() * 2);
          for (String id : ids) if (find(searcher, id).isPresent()) found.add(id);
          return found;
        });
  }

  /**
   * Why the writer can no longer write, or null while it can: Lucene closes it for good after a
   * tragic event (such as the heap running out mid-write).
   */
  public Throwable writerFailure() {
    Throwable tragic = writer.getTragicException();
    if (tragic != null) return tragic;
    return writer.isOpen() ? null : new IllegalStateException("the catalog index writer is closed");
  }

  /** Number of items searchable now. */
  public int size() {
    return withSearcher(searcher -> searcher.getIndexReader().numDocs());
  }

  /** The global doc id of the live item with this id in {@code searcher}, or -1; from memory. */
  public static int docOf(IndexSearcher searcher, String itemId) {
    return ((ModelSearcher) searcher).items.doc(itemId);
  }

  /** The item of a search hit, from the memory of the searcher that found it. */
  public static Item item(IndexSearcher searcher, int docId) {
    return ((ModelSearcher) searcher).items.get(docId);
  }

  @Override
  public void close() throws IOException {
    // Not shutdownNow: interrupting a reopen mid-write closes the index files under the writer.
    refresher.shutdown();
    try {
      refresher.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    searchers.close();
    writer.close();
    directory.close();
  }

  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
