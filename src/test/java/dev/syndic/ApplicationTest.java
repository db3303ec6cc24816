package dev.syndic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApplicationTest {

  private static final String KEY = "jdk.httpclient.allowRestrictedHeaders";

  @Test
  void theHostHeaderIsAllowedAsAWholeTrimmedNameBesideWhatWasThere() {
    String before = System.getProperty(KEY);
    try {
      System.setProperty(KEY, "X-Forwarded-Host, upgrade");
      Application.allowHostHeader();
      assertEquals("x-forwarded-host,upgrade,host", System.getProperty(KEY), "a name containing 'host' is not 'host'");
      Application.allowHostHeader();
      assertEquals("x-forwarded-host,upgrade,host", System.getProperty(KEY), "once");
      System.clearProperty(KEY);
      Application.allowHostHeader();
      assertEquals("host", System.getProperty(KEY));
    } finally {
      if (before == null) {
        System.clearProperty(KEY);
      } else {
        System.setProperty(KEY, before);
      }
    }
  }
  @Test
  void idleFetchConnectionsAreClosedAfterAMinuteUnlessTheJvmWasToldOtherwise() {
    String key = "jdk.httpclient.keepalive.timeout";
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      Application.boundIdleConnections();
      assertEquals("60", System.getProperty(key), "the JDK 17 client's own default is 1200 s");
      System.setProperty(key, "15");
      Application.boundIdleConnections();
      assertEquals("15", System.getProperty(key), "an operator's -D stands");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
