package dev.syndic.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made once per test run by the JDK's keytool: the key of
 * {@link FeedServer#startHttps()} and the only certificate a client built with {@link #client()}
 * trusts (the JDK's client checks the name against the certificate's IP address).
 */
public final class TestTls {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static KeyStore store;

  private TestTls() {}

  /** The server's side: the key and its certificate. */
  public static SSLContext server() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store(), PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client's side: trusts the test certificate and nothing else. */
  public static SSLContext client() {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized KeyStore store() {
    if (store != null) {
      return store;
    }
    try {
      Path dir = Files.createTempDirectory("syndic-tls");
      Path file = dir.resolve("test.p12");
      Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
          "-alias", "feeds", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD))
          .redirectErrorStream(true).start();
      String said = new String(keytool.getInputStream().readAllBytes());
      if (keytool.waitFor() != 0) {
        throw new IllegalStateException("keytool failed: " + said);
      }
      store = KeyStore.getInstance(file.toFile(), PASSWORD);
      Files.delete(file);
      Files.delete(dir);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
