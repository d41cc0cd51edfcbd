package io.vitrina.engine.audience;

import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.AffinityVector;
import io.vitrina.engine.profile.Facet;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * Shoppers as Lucene documents: the key, each affinity as a {@link FeatureField} feature ({@code
 * brand=Acme} with its share), the region, and the shopper's unit-length vector in the factor model
 * when there is one (binary doc values). A search with one linear feature query per affinity of a
 * target scores every shopper by the dot product of their affinities with the target's; the vectors
 * are scanned exactly.
 *
 * <p>In memory, derived from the profiles (rebuilt by the replay at start); written in batches,
 * each made visible by one refresh. Thread-safe.
 */
public final class ProfileIndex implements Closeable {
  static final String KEY = "key";
  static final String AFFINITY = "affinity";
  static final String REGION = "region";
  static final String VECTOR = "vector";

  /** One shopper as written: the vector is null without a factor model. */
  public record ShopperDocument(
      String key, AffinityVector affinities, float[] vector, String region) {}

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  public ProfileIndex() {
    IndexWriterConfig config = new IndexWriterConfig();
    try {
      writer = new IndexWriter(directory, config);
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code shoppers} (replacing their documents) and removes {@code gone}, then refreshes.
   */
  public void write(Collection<ShopperDocument> shoppers, Collection<String> gone) {
    try {
      for (ShopperDocument shopper : shoppers)
        writer.updateDocument(new Term(KEY, shopper.key()), document(shopper));
      for (String key : gone) writer.deleteDocuments(new Term(KEY, key));
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Document document(ShopperDocument shopper) {
    Document doc = new Document();
    doc.add(new StringField(KEY, shopper.key(), Field.Store.YES));
    shopper
        .affinities()
        .byFacet()
        .forEach(
            (facet, values) -> {
              for (Affinity a : values)
                if (a.share() > 0)
                  doc.add(new FeatureField(AFFINITY, feature(facet, a.value()), a.share()));
            });
    if (shopper.region() != null)
      doc.add(new StringField(REGION, regionKey(shopper.region()), Field.Store.NO));
    float[] unit = unit(shopper.vector());
    if (unit != null) doc.add(new BinaryDocValuesField(VECTOR, encode(unit)));
    return doc;
  }

  /**
   * The {@code size} shoppers whose affinities have the largest dot product with {@code target}
   * (per facet and value, a weight), leaving out {@code exclude}, in {@code region} if not null.
   */
  public List<AudienceMember> byAffinity(
      Map<Facet, Map<String, Float>> target, Collection<String> exclude, String region, int size) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    int clauses = 0;
    for (var facet : target.entrySet())
      for (var value : facet.getValue().entrySet()) {
        if (!(value.getValue() > 0)) continue;
        any.add(
            FeatureField.newLinearQuery(
                AFFINITY, feature(facet.getKey(), value.getKey()), value.getValue()),
            Occur.SHOULD);
        clauses++;
      }
    if (clauses == 0) return List.of();
    return search(restricted(any.build(), exclude, region), size);
  }

  /**
   * The {@code size} shoppers whose vectors are nearest {@code target} by cosine, leaving out
   * {@code exclude}, in {@code region} if not null: an exact scan of every indexed vector (a few
   * milliseconds for a quarter of a million shoppers; an HNSW graph cost more to keep up, since
   * every batch and every merge rebuilt it).
   */
  public List<AudienceMember> byVector(
      float[] target, Collection<String> exclude, String region, int size) {
    float[] unit = unit(target);
    if (unit == null) return List.of();
    IndexSearcher searcher = acquire();
    try {
      Query shoppers = restricted(MatchAllDocsQuery.INSTANCE, exclude, region);
      return members(
          searcher,
          searcher.search(
              shoppers,
              new CollectorManager<NearestVectors, List<ScoreDoc>>() {
                @Override
                public NearestVectors newCollector() {
                  return new NearestVectors(unit, size);
                }

                @Override
                public List<ScoreDoc> reduce(Collection<NearestVectors> slices) {
                  List<ScoreDoc> all = new ArrayList<>();
                  for (NearestVectors slice : slices) all.addAll(slice.best());
                  all.sort(Comparator.comparingDouble((ScoreDoc hit) -> hit.score).reversed());
                  return all.subList(0, Math.min(size, all.size()));
                }
              }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  /** Collects the documents whose vectors have the largest dot product with a unit target. */
  private static final class NearestVectors extends SimpleCollector {
    private final float[] target;
    private final int size;
    private final PriorityQueue<ScoreDoc> best;
    private final float[] vector;
    private BinaryDocValues values;
    private int docBase;

    NearestVectors(float[] target, int size) {
      this.target = target;
      this.size = size;
      this.vector = new float[target.length];
      this.best = new PriorityQueue<>(size + 1, Comparator.comparingDouble(hit -> hit.score));
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = DocValues.getBinary(context.reader(), VECTOR);
      docBase = context.docBase;
    }

    @Override
    public void collect(int doc) throws IOException {
      if (!values.advanceExact(doc)) return;
      BytesRef bytes = values.binaryValue();
      if (bytes.length != vector.length * Float.BYTES) return; // a model of another size
      ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(vector);
      float score = VectorUtil.dotProduct(target, vector);
      if (best.size() < size) best.add(new ScoreDoc(docBase + doc, score));
      else if (score > best.peek().score) {
        best.poll();
        best.add(new ScoreDoc(docBase + doc, score));
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Best first. */
    List<ScoreDoc> best() {
      List<ScoreDoc> out = new ArrayList<>(best);
      out.sort(Comparator.comparingDouble((ScoreDoc hit) -> hit.score).reversed());
      return out;
    }
  }

  private static BytesRef encode(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return new BytesRef(bytes.array());
  }

  /**
   * Why the writer can no longer write, or null while it can: after a tragic event (such as the
   * heap running out mid-write) Lucene closes the writer for good, and only a new index writes.
   */
  public Throwable failure() {
    Throwable tragic = writer.getTragicException();
    if (tragic != null) return tragic;
    return writer.isOpen() ? null : new IllegalStateException("the profile index writer is closed");
  }

  /**
   * Closes the writer for good as Lucene does when a write hits a tragic error (running out of
   * heap, a failing disk): for tests of what follows, which cannot make the JVM run out on cue.
   */
  void failWriter(Throwable tragedy) {
    try {
      writer.onTragicEvent(tragedy, "a test");
    } catch (RuntimeException | Error rethrown) {
      // onTragicEvent rethrows the tragedy, as a failing write would
    }
  }

  /** Shoppers indexed. */
  public int size() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /** Heap the index's files take. */
  public long sizeInBytes() {
    try {
      long bytes = 0;
      for (String file : directory.listAll()) bytes += directory.fileLength(file);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query restricted(Query query, Collection<String> exclude, String region) {
    BooleanQuery.Builder out = new BooleanQuery.Builder().add(query, Occur.MUST);
    if (!exclude.isEmpty())
      out.add(
          new TermInSetQuery(KEY, exclude.stream().map(BytesRef::new).toList()), Occur.MUST_NOT);
    if (region != null) out.add(new TermQuery(new Term(REGION, regionKey(region))), Occur.FILTER);
    return out.build();
  }

  private List<AudienceMember> search(Query query, int size) {
    IndexSearcher searcher = acquire();
    try {
      return members(searcher, List.of(searcher.search(query, size).scoreDocs));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  private static List<AudienceMember> members(IndexSearcher searcher, List<ScoreDoc> hits)
      throws IOException {
    List<AudienceMember> out = new ArrayList<>(hits.size());
    var stored = searcher.storedFields();
    for (ScoreDoc hit : hits)
      out.add(new AudienceMember(stored.document(hit.doc).get(KEY), hit.score));
    return out;
  }

  static String feature(Facet facet, String value) {
    return facet.key() + "=" + value;
  }

  private static String regionKey(String region) {
    return region.strip().toLowerCase(Locale.ROOT);
  }

  /** {@code vector} scaled to length 1; null for null or a zero vector. */
  static float[] unit(float[] vector) {
    if (vector == null) return null;
    double norm = 0;
    for (float v : vector) norm += v * v;
    if (!(norm > 0)) return null;
    float[] out = new float[vector.length];
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) out[i] = vector[i] * scale;
    return out;
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    // A writer that failed for good has rolled back already, and refuses to close again.
    if (failure() == null) writer.close();
  }
}
