package dev.syndic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in lower-case hex: identity keys, content and body hashes, ETags, stable item ids and
 * hashed secrets all use this one definition.
 */
public final class Sha256 {

  // One digest per thread, reused (digest() resets it): looking the algorithm up among the
  // security providers on every hash was 0.6 % of the ingest's poller threads' CPU samples.
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  });

  private Sha256() {}

  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(DIGEST.get().digest(bytes));
  }
}
