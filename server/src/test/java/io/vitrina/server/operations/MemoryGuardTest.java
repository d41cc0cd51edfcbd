package io.vitrina.server.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Far more shoppers than a small heap holds, with a profile bound that does not stop them: the
 * guard sheds the least recently seen instead of the JVM running out of memory. A JVM of its own,
 * so that running out would fail this test and nothing else.
 */
class MemoryGuardTest {
  private static final int SHOPPERS = 300_000;

  @Test
  void aHeapThatRunsShortShedsProfilesInsteadOfFailing() throws Exception {
    Process drill =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseG1GC",
                "-XX:+ExitOnOutOfMemoryError",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                ShedDrill.class.getName(),
                Integer.toString(SHOPPERS))
            .redirectErrorStream(true)
            .start();
    String output = new String(drill.getInputStream().readAllBytes());
    assertTrue(drill.waitFor(5, TimeUnit.MINUTES), "the drill did not end");
    assertEquals(0, drill.exitValue(), output);

    Matcher result = Pattern.compile("shoppers=(\\d+) profiles=(\\d+) shed=(\\d+)").matcher(output);
    assertTrue(result.find(), output);
    long profiles = Long.parseLong(result.group(2));
    long shed = Long.parseLong(result.group(3));
    assertTrue(shed > 0, "nothing was shed: " + output);
    assertTrue(profiles < SHOPPERS, "every shopper was kept in 64 MB: " + output);
    assertTrue(output.contains("The heap ran short"), "the shedding is logged: " + output);
  }
}
