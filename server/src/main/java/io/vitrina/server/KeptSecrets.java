package io.vitrina.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The service's secrets: from the configuration, or generated at the first start and kept in the
 * data folder, readable by its owner only.
 */
final class KeptSecrets {
  private KeptSecrets() {}

  /** The key of {@code /v1/admin}. */
  static String adminKey(ServerConfig config) throws IOException {
    if (config.adminKey() != null) return config.adminKey();
    return readOrCreate(config.dataDir().resolve("admin.key"), 24);
  }

  /**
   * The key that signs attribution tokens. Every node of a deployment needs the same one: configure
   * it when several share a database.
   */
  static String tokenKey(ServerConfig config) throws IOException {
    if (config.tokenKey() != null) return config.tokenKey();
    return readOrCreate(config.dataDir().resolve("token.key"), 32);
  }

  private static String readOrCreate(Path file, int randomBytes) throws IOException {
    if (Files.exists(file)) return Files.readString(file).trim();
    Files.createDirectories(file.getParent());
    byte[] secret = new byte[randomBytes];
    new SecureRandom().nextBytes(secret);
    String key = HexFormat.of().formatHex(secret);
    Files.writeString(file, key + "\n");
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system; the file stays as the umask made it
    }
    return key;
  }
}
