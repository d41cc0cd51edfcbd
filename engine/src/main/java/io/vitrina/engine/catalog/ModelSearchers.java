package io.vitrina.engine.catalog;

import java.io.IOException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;

/**
 * Lucene's {@link SearcherManager}, but a reopen also makes a new searcher over the same documents
 * once the model changed ({@link #modelChanged}): the searchers carry the model their requests
 * read, and a model swap may write no document at all (the indicators live in memory; only demand
 * that moved is written).
 */
final class ModelSearchers extends ReferenceManager<IndexSearcher> {
  private final SearcherFactory factory;
  private volatile boolean modelChanged;

  ModelSearchers(IndexWriter writer, SearcherFactory factory) throws IOException {
    this.factory = factory;
    current = SearcherManager.getSearcher(factory, DirectoryReader.open(writer), null);
  }

  /** The next reopen makes a new searcher even if no document changed. */
  void modelChanged() {
    modelChanged = true;
  }

  @Override
  protected IndexSearcher refreshIfNeeded(IndexSearcher old) throws IOException {
    DirectoryReader reader = (DirectoryReader) old.getIndexReader();
    // Cleared before reading the index: a change flagged meanwhile makes one more reopen.
    boolean model = modelChanged;
    modelChanged = false;
    DirectoryReader next = DirectoryReader.openIfChanged(reader);
    if (next == null) {
      if (!model) return null;
      // The new searcher holds the reader too; each releases its own reference.
      reader.incRef();
      next = reader;
    }
    return SearcherManager.getSearcher(factory, next, reader);
  }

  @Override
  protected void decRef(IndexSearcher searcher) throws IOException {
    searcher.getIndexReader().decRef();
  }

  @Override
  protected boolean tryIncRef(IndexSearcher searcher) {
    return searcher.getIndexReader().tryIncRef();
  }

  @Override
  protected int getRefCount(IndexSearcher searcher) {
    return searcher.getIndexReader().getRefCount();
  }
}
