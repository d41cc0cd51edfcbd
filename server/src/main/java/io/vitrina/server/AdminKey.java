package io.vitrina.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The admin key: from the configuration, or generated once and kept in the data folder. */
final class AdminKey {
  private AdminKey() {}

  static String resolve(ServerConfig config) throws IOException {
    if (config.adminKey() != null) return config.adminKey();
    Path file = config.dataDir().resolve("admin.key");
    if (Files.exists(file)) return Files.readString(file).trim();
    Files.createDirectories(config.dataDir());
    byte[] secret = new byte[24];
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
