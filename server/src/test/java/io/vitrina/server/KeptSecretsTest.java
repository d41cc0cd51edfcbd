package io.vitrina.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptSecretsTest {
  private static ServerConfig config(Path dataDir, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return ServerConfig.parse(all, Map.of());
  }

  @Test
  void theTokenKeyIsGeneratedAtTheFirstStartAndKeptForTheNext(@TempDir Path dataDir)
      throws Exception {
    String first = KeptSecrets.tokenKey(config(dataDir));
    Path file = dataDir.resolve("token.key");
    assertEquals(first, Files.readString(file).trim());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(64, first.length(), "256 random bits");
    assertEquals(first, KeptSecrets.tokenKey(config(dataDir)), "the next start signs alike");
    assertNotEquals(first, KeptSecrets.adminKey(config(dataDir)), "a key of its own");
  }

  @Test
  void aConfiguredTokenKeyWinsAndATooShortOneIsRefusedWithoutRepeatingIt(@TempDir Path dataDir)
      throws Exception {
    String configured = "shared-by-every-node-0123456789";
    assertEquals(configured, KeptSecrets.tokenKey(config(dataDir, "--token-key", configured)));
    assertFalse(Files.exists(dataDir.resolve("token.key")));
    assertEquals(
        configured,
        KeptSecrets.tokenKey(
            ServerConfig.parse(
                new String[] {"--data-dir", dataDir.toString()},
                Map.of("VITRINA_TOKEN_KEY", configured))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> config(dataDir, "--token-key", "hunter2"));
    assertTrue(e.getMessage().contains("at least 16 characters"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "a secret is not repeated in a message");
  }
}
