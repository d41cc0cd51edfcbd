package io.vitrina.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  /** A migration file left out of the list would never run: the list is the folder. */
  @Test
  void everyMigrationFileIsListedInOrder() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      assertEquals(
          files
              .map(p -> p.getFileName().toString())
              .sorted(
                  java.util.Comparator.comparingInt(
                      name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
              .toList(),
          Migrations.FILES);
    }
  }
}
