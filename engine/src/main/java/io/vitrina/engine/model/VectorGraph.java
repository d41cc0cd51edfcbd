package io.vitrina.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;

/**
 * Lucene's HNSW graph over a set of vectors, searched by maximum inner product. It lives in its own
 * small in-memory index beside the catalog's: the vectors change at every training, and as fields
 * of the catalog documents they would rewrite every document of the catalog each time. Built whole,
 * swapped whole, never written to afterwards.
 *
 * <p>Vector {@code i} is document {@code i}: the documents are added in order into one segment (a
 * buffer larger than the vectors, no merges), so no id field is read per hit.
 */
final class VectorGraph {
  private static final String FIELD = "v";

  /**
   * Smaller than Lucene's defaults (16, 100): building is single-threaded and sits in every model
   * training (20,000 vectors of 32 floats: ~3.5 s with the defaults, ~1.1 s with these), and on
   * MovieLens the two gave the same NDCG@10 for {@code personal_embedding} (0.1081-0.1088, with
   * 16/50 in between).
   */
  static final int MAX_CONNECTIONS = 12;

  static final int BEAM_WIDTH = 32;

  private final LeafReader reader;
  private final int size;

  private VectorGraph(LeafReader reader, int size) {
    this.reader = reader;
    this.size = size;
  }

  /** Indexes {@code count} vectors of {@code dimensions} floats, laid out one after another. */
  static VectorGraph build(float[] flat, int dimensions, int count) {
    // A heap directory holds no file handles: a replaced graph is left to the collector, so a
    // request still searching it is never cut off by a close.
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig()
            .setRAMBufferSizeMB(Math.max(64, 4.0 * flat.length * 4 / (1 << 20)))
            .setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH)
            .setMergePolicy(NoMergePolicy.INSTANCE)
            .setCommitOnClose(true)
            .setCodec(
                new Lucene104Codec() {
                  @Override
                  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(MAX_CONNECTIONS, BEAM_WIDTH);
                  }
                });
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < count; i++) {
        float[] vector = Arrays.copyOfRange(flat, i * dimensions, (i + 1) * dimensions);
        Document document = new Document();
        document.add(
            new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
        writer.addDocument(document);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      DirectoryReader reader = DirectoryReader.open(directory);
      if (reader.leaves().size() != 1)
        throw new IllegalStateException("vector graph split into " + reader.leaves().size());
      return new VectorGraph(reader.leaves().getFirst().reader(), count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The about {@code n} vectors of largest inner product with {@code target}, best first, among
   * those {@code accept} lets through; approximate, as HNSW is.
   */
  int[] nearest(float[] target, int n, IntPredicate accept) {
    Bits bits =
        new Bits() {
          @Override
          public boolean get(int index) {
            return accept.test(index);
          }

          @Override
          public int length() {
            return size;
          }
        };
    try {
      TopDocs top =
          reader.searchNearestVectors(
              FIELD, target, n, AcceptDocs.fromLiveDocs(bits, size), Integer.MAX_VALUE);
      int[] out = new int[top.scoreDocs.length];
      int k = 0;
      for (ScoreDoc hit : top.scoreDocs) out[k++] = hit.doc;
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
