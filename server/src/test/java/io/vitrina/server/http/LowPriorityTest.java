package io.vitrina.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LowPriorityTest {
  @BeforeEach
  void onLinux() {
    assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "thread priorities: Linux only");
  }

  /** The calling thread's nice value, as the kernel has it (field 19 of its stat line). */
  private static int niceOfThisThread() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[19 - 3]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void backgroundWorkersRunAtTheLowestPriorityAndTheCallerKeepsItsOwn() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int before = niceOfThisThread();
      LowPriority.Workers workers =
          LowPriority.workers(vertx, "test-background", 1, Duration.ofSeconds(10));
      int nice =
          workers
              .run(LowPriorityTest::niceOfThisThread)
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      assertEquals(LowPriority.NICEST, nice);
      assertEquals(before, niceOfThisThread());
      int ofAnotherThread =
          vertx
              .executeBlocking(LowPriorityTest::niceOfThisThread)
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      assertEquals(before, ofAnotherThread, "the shared workers keep theirs");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  void theCommonPoolsThreadsAreLowered() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(2, new LowPriority.CommonPoolThreads(), null, false);
    try {
      AtomicInteger nice = new AtomicInteger(-1);
      pool.submit(() -> nice.set(niceOfThisThread())).get();
      assertEquals(LowPriority.NICEST, nice.get());
    } finally {
      pool.shutdown();
    }
  }
}
