package dev.syndic.fetch;

import static dev.syndic.fetch.FetchTesting.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syndic.support.FeedServer;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: which addresses are internal, and that a guarded fetcher never sends a request to one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddressGuardTest {

  private static final Duration LOOKUP = Duration.ofSeconds(10);

  private FeedServer server;

  @BeforeAll
  void start() {
    server = FeedServer.start();
    server.serve("/feed.xml", FetchTesting.fixture("rss20-full.xml"), "application/rss+xml");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** Address literals only, so the table needs no DNS. */
  @ParameterizedTest(name = "{0} internal: {1}")
  @CsvSource({
    // loopback
    "127.0.0.1, true",
    "127.255.255.254, true",
    "::1, true",
    // private
    "10.0.0.1, true",
    "10.255.255.255, true",
    "172.16.0.1, true",
    "172.31.255.255, true",
    "192.168.0.1, true",
    "192.168.255.255, true",
    // link-local, cloud metadata
    "169.254.169.254, true",
    "169.254.0.1, true",
    "fe80::1, true",
    "fd00:ec2::254, true",
    "192.0.0.192, true",
    // carrier-grade NAT (Alibaba Cloud metadata lives there)
    "100.64.0.1, true",
    "100.100.100.200, true",
    "100.127.255.255, true",
    // unique local fc00::/7
    "fc00::1, true",
    "fdff:ffff:ffff::1, true",
    // benchmarking 198.18.0.0/15
    "198.18.0.1, true",
    "198.19.255.255, true",
    // unspecified, this network, multicast, reserved, broadcast
    "0.0.0.0, true",
    "0.1.2.3, true",
    "::, true",
    "224.0.0.1, true",
    "239.255.255.250, true",
    "ff02::1, true",
    "240.0.0.1, true",
    "255.255.255.255, true",
    // IPv4-mapped IPv6 is checked as the IPv4 address
    "::ffff:127.0.0.1, true",
    "::ffff:10.1.2.3, true",
    "::ffff:169.254.169.254, true",
    // IPv4 inside IPv6 by a translator or tunnel (NAT64, local-use NAT64, 6to4, IPv4-compatible) is checked as the IPv4 address
    "64:ff9b::127.0.0.1, true",
    "64:ff9b::10.1.2.3, true",
    "64:ff9b::a9fe:a9fe, true",
    "64:ff9b:1::808:808, true",
    "2002:7f00:1::1, true",
    "2002:a9fe:a9fe::, true",
    "::127.0.0.1, true",
    "::10.1.2.3, true",
    // public
    "8.8.8.8, false",
    "1.1.1.1, false",
    "93.184.216.34, false",
    "172.15.255.255, false",
    "172.32.0.1, false",
    "192.167.255.255, false",
    "192.169.0.1, false",
    "100.63.255.255, false",
    "100.128.0.1, false",
    "169.253.255.255, false",
    "198.17.255.255, false",
    "198.20.0.1, false",
    "11.0.0.1, false",
    "223.255.255.255, false",
    "2606:4700:4700::1111, false",
    "2001:4860:4860::8888, false",
    "fbff:ffff::1, false",
    "fe00::1, false",
    "::ffff:8.8.8.8, false",
    "64:ff9b::8.8.8.8, false",
    "2002:808:808::1, false",
    "::8.8.8.8, false",
  })
  void internalAddresses(String literal, boolean internal) throws Exception {
    assertEquals(internal, AddressGuard.isInternal(InetAddress.getByName(literal)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "10.0.0.7", "192.168.1.1", "169.254.169.254", "[::1]", "::1", "[fc00::1]", "[fd12:3456::1]", "0.0.0.0",
      "127.1", "2130706433", "4294967295"})
  void guardedHostsAreRefusedNamingTheSetting(String host) {
    String refusal = new AddressGuard(false).check(host, LOOKUP).refusal();

    assertTrue(refusal != null && refusal.startsWith("the host " + host + " resolves to the internal address "), refusal);
    assertTrue(refusal.endsWith("; set syndic.fetch.allow-private-addresses=true to allow it"), refusal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "[2606:4700:4700::1111]"})
  void publicLiteralsPass(String host) {
    assertNull(new AddressGuard(false).check(host, LOOKUP).refusal());
  }

  @Test
  void allowingPrivateAddressesLetsEverythingThrough() {
    AddressGuard open = new AddressGuard(true);

    assertNull(open.check("127.0.0.1", LOOKUP).refusal());
    assertNull(open.check("169.254.169.254", LOOKUP).refusal());
    assertNull(open.check("localhost", LOOKUP).refusal());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aUrlWithoutHostIsRefusedEitherWay(boolean allowPrivate) {
    AddressGuard guard = new AddressGuard(allowPrivate);

    assertEquals("the URL has no host", guard.check(null, LOOKUP).refusal());
    assertEquals("the URL has no host", guard.check(" ", LOOKUP).refusal());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]"})
  void guardedFetcherNeverContactsTheLocalServer(String host) {
    URI url = URI.create("http://" + host + ":" + server.port() + "/feed.xml");
    int before = server.totalHits();

    FetchResult.Failed failed = expect(FetchResult.Failed.class, FetchTesting.fetcher(false).fetch(FetchRequest.unconditional(url)));

    assertEquals(0, failed.status());
    assertTrue(failed.message().startsWith("refused " + url + ": the host " + host), failed.message());
    assertTrue(failed.message().contains("syndic.fetch.allow-private-addresses"), failed.message());
    assertEquals(before, server.totalHits());
  }

  @Test
  void permissiveFetcherReachesTheLocalServer() {
    int before = server.hits("/feed.xml");

    expect(FetchResult.Fetched.class, FetchTesting.fetcher(true).fetch(FetchRequest.unconditional(server.uri("/feed.xml"))));

    assertEquals(before + 1, server.hits("/feed.xml"));
  }
}
