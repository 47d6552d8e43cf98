package gov.hotline.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key intake uses to turn a caller's phone number into a pseudonymous reference. The local
 * stack generates it once and keeps it under the data directory (never committed): a new key would
 * make every stored reference unmatchable.
 */
final class CallerKey {

  static final int KEY_BYTES = 32;
  private static final int MIN_KEY_BYTES = 16;

  private CallerKey() {}

  /** Reads the key in {@code file}, generating it first (mode 600) if the file is missing. */
  static String ensure(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      byte[] key = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        return read(file);
      }
      Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
      return encoded;
    }
    return read(file);
  }

  private static String read(Path file) throws IOException {
    String encoded = Files.readString(file, StandardCharsets.US_ASCII).trim();
    try {
      if (Base64.getDecoder().decode(encoded).length >= MIN_KEY_BYTES) {
        return encoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // reported below
    }
    throw new IOException(
        file
            + " does not hold a base64 key of at least "
            + MIN_KEY_BYTES
            + " bytes. Fix it, or delete it to generate a new one (stored caller references"
            + " will then no longer match).");
  }
}
