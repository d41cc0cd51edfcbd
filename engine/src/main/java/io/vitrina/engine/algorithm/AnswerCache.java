package io.vitrina.engine.algorithm;

import io.vitrina.engine.rule.BusinessRules;
import io.vitrina.engine.rule.Filters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * Answers that are the same for every shopper ({@code popular}, item-page blocks), kept for the
 * searcher that computed them. A searcher sees one catalog and one model, so its answers stay exact
 * until the next one: a catalog write, a stock change, a popularity refresh or a model swap opens a
 * new searcher, and the first request on it starts a new generation. Events change no cached
 * answer, since they reach the index only through those.
 */
final class AnswerCache {
  /**
   * Enough for every item page of a large catalog with a few block sizes; beyond it, no caching.
   */
  static final int MAX_ANSWERS = 200_000;

  /** Everything a shopper-independent answer depends on, besides the searcher. */
  private record Key(
      String algorithm,
      PageContext page,
      int offset,
      int limit,
      Filters filters,
      BusinessRules rules,
      Fallback fallback) {}

  private record Generation(
      IndexSearcher searcher, long version, Map<Key, Recommendations> answers) {}

  private volatile Generation current = new Generation(null, -1, Map.of());

  Recommendations get(
      IndexSearcher searcher, RecommendationRequest request, Supplier<Recommendations> compute) {
    Generation generation = generationOf(searcher);
    if (generation == null) return compute.get(); // a request still on an older searcher
    Key key =
        new Key(
            request.algorithm(),
            request.page(),
            request.offset(),
            request.limit(),
            request.filters(),
            request.rules(),
            request.fallback());
    Recommendations cached = generation.answers().get(key);
    if (cached != null) return cached;
    Recommendations answer = compute.get();
    if (generation.answers().size() < MAX_ANSWERS) generation.answers().putIfAbsent(key, answer);
    return answer;
  }

  /**
   * The generation of {@code searcher}, starting it when the searcher is newer; null when older.
   */
  private Generation generationOf(IndexSearcher searcher) {
    Generation generation = current;
    if (generation.searcher() == searcher) return generation;
    long version = version(searcher.getIndexReader());
    synchronized (this) {
      generation = current;
      if (generation.searcher() == searcher) return generation;
      if (version < generation.version()) return null;
      generation = new Generation(searcher, version, new ConcurrentHashMap<>());
      current = generation;
      return generation;
    }
  }

  /**
   * Reopened readers of one index have increasing versions; other readers are never cached twice.
   */
  private static long version(IndexReader reader) {
    return reader instanceof DirectoryReader directory ? directory.getVersion() : Long.MAX_VALUE;
  }
}
