package io.vitrina.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  private static <T> T onANewThread(Callable<T> work) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      return thread.submit(work).get();
    } finally {
      thread.shutdown();
    }
  }

  @Test
  void backgroundWorkRunsAtTheLowestPriority() throws Exception {
    assertEquals(
        LowPriority.NICEST, onANewThread(LowPriority.of(LowPriorityTest::niceOfThisThread)));
  }

  @Test
  void otherThreadsKeepTheirPriority() throws Exception {
    int before = niceOfThisThread();
    onANewThread(LowPriority.of(LowPriorityTest::niceOfThisThread));
    assertEquals(before, niceOfThisThread());
    assertEquals(before, (int) onANewThread(LowPriorityTest::niceOfThisThread));
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

  @Test
  void aThreadIsLoweredOnce() throws Exception {
    assertTrue(
        onANewThread(() -> LowPriority.lowerThisThread() && LowPriority.lowerThisThread()),
        "lowering twice is harmless");
  }
}
