package dev.syndic.security;

import dev.syndic.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Creating and hashing bearer secrets (admin tokens, partner keys). */
public final class TokenHash {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenHash() {}

  /** A new secret: 256 random bits, URL-safe, with a prefix that says what it is for. */
  public static String newSecret(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    return Sha256.hex(secret);
  }

  /** Compares two hashes in time independent of where they differ. */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
