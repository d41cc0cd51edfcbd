package io.vitrina.engine.audience;

import io.vitrina.engine.profile.Affinity;
import io.vitrina.engine.profile.AffinityVector;
import io.vitrina.engine.profile.Facet;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Shoppers as Lucene documents: the key, each affinity as a {@link FeatureField} feature ({@code
 * brand=Acme} with its share), the region, and the shopper's unit-length vector in the factor model
 * when there is one. A search with one linear feature query per affinity of a target scores every
 * shopper by the dot product of their affinities with the target's; the vectors are searched
 * through Lucene's HNSW graph.
 *
 * <p>In memory, derived from the profiles (rebuilt by the replay at start); written in batches,
 * each made visible by one refresh. Thread-safe.
 */
public final class ProfileIndex implements Closeable {
  static final String KEY = "key";
  static final String AFFINITY = "affinity";
  static final String REGION = "region";
  static final String VECTOR = "vector";

  /** As the item vectors' graph: building is in every batch, and look-alikes need no more. */
  static final int MAX_CONNECTIONS = 12;

  static final int BEAM_WIDTH = 32;

  /** One shopper as written: the vector is null without a factor model. */
  public record ShopperDocument(
      String key, AffinityVector affinities, float[] vector, String region) {}

  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  public ProfileIndex() {
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setCodec(
                new Lucene104Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH);
                  }
                });
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
    if (unit != null)
      doc.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
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
   * About the {@code size} shoppers whose vectors are nearest {@code target} by cosine, leaving out
   * {@code exclude}, in {@code region} if not null; approximate, as HNSW is.
   */
  public List<AudienceMember> byVector(
      float[] target, Collection<String> exclude, String region, int size) {
    float[] unit = unit(target);
    if (unit == null) return List.of();
    Query filter = restricted(MatchAllDocsQuery.INSTANCE, exclude, region);
    return search(new KnnFloatVectorQuery(VECTOR, unit, size, filter), size);
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
      TopDocs top = searcher.search(query, size);
      List<AudienceMember> out = new ArrayList<>(top.scoreDocs.length);
      var stored = searcher.storedFields();
      for (ScoreDoc hit : top.scoreDocs)
        out.add(new AudienceMember(stored.document(hit.doc).get(KEY), hit.score));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
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
    writer.close();
  }
}
