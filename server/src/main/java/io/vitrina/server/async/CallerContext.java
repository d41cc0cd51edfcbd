package io.vitrina.server.async;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A future shared between requests (the catalog write chain, a group commit) completes on whichever
 * event loop finished it; a request's handlers must go on on their own, because their state is not
 * thread-safe.
 */
public final class CallerContext {
  private CallerContext() {}

  /** {@code result}, completed on the context that calls this. */
  public static <T> Future<T> completeOnCaller(Vertx vertx, Future<T> result) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    result.onComplete(outcome -> caller.runOnContext(x -> promise.handle(outcome)));
    return promise.future();
  }
}
