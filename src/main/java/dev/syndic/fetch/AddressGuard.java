package dev.syndic.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Refuses outbound requests to addresses inside the machine or its network (SSRF): loopback,
 * private, link-local (which includes cloud metadata at 169.254.169.254), carrier-grade NAT,
 * 192.0.0.0/24, 198.18.0.0/15, unique-local IPv6, multicast and the unspecified address, also
 * inside IPv6 addresses that carry an IPv4 one (mapped, NAT64, 6to4). Every
 * address a host resolves to is checked, and callers check again on every redirect.
 */
final class AddressGuard {

  private final boolean allowPrivate;
  private final Resolver resolver;
  private final NameLookups lookups;

  /** Looks a host name up: the system's resolver ({@link #SYSTEM}), or a test's. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] lookUp(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = InetAddress::getAllByName;

  AddressGuard(boolean allowPrivate) {
    this(allowPrivate, SYSTEM);
  }

  AddressGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
    this.lookups = new NameLookups(resolver);
  }

  /**
   * What the check found: a refusal (the reason), or the address to connect to; {@code unanswered}
   * when the refusal is that no answer came in the time given.
   */
  record Checked(String refusal, InetAddress address, boolean unanswered) {

    Checked(String refusal, InetAddress address) {
      this(refusal, address, false);
    }
  }

  /**
   * Resolves {@code host} once, waiting at most {@code within} for its name servers ({@link
   * NameLookups}), and checks every address it has; the first is the one to use.
   */
  Checked check(String host, Duration within) {
    if (host == null || host.isBlank()) {
      return new Checked("the URL has no host", null);
    }
    String numeric = numericRefusal(host, true);
    if (numeric != null) {
      return new Checked(numeric, null);
    }
    InetAddress[] addresses;
    try {
      // An address written as such is read, not looked up.
      addresses = isLiteral(host) ? resolver.lookUp(host) : lookups.lookUp(host, within);
    } catch (UnknownHostException e) {
      return new Checked("the host " + host + " could not be resolved", null);
    } catch (NameLookups.Unanswered e) {
      return new Checked("the host " + host + " could not be resolved: " + e.getMessage(), null, true);
    }
    for (InetAddress address : addresses) {
      if (!allowPrivate && isInternal(address)) {
        return new Checked("the host "
            + host
            + " resolves to the internal address "
            + address.getHostAddress()
            + "; set syndic.fetch.allow-private-addresses=true to allow it", null);
      }
    }
    return new Checked(null, addresses[0]);
  }

  /**
   * Why {@code host}, written in digits and dots ({@link #isLiteral}), is no address to connect
   * to, or null for a name, an IPv6 literal or an IPv4 address. {@code parsed} is whether {@link
   * java.net.URI#getHost} found the host: one it did not find can be no request's address either.
   */
  static String numericRefusal(String host, boolean parsed) {
    if (!isLiteral(host) || host.startsWith("[") || parsed && isIpv4(host)) {
      return null;
    }
    return "the host " + host + " is not a valid IPv4 address (four numbers from 0 to 255, such as 192.0.2.1), and digits and dots"
        + " alone make no host name";
  }

  /** Whether {@code host} (as {@link java.net.URI#getHost} gives it) is an address, not a name. */
  static boolean isLiteral(String host) {
    if (host.startsWith("[")) {
      return true;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return !host.isEmpty();
  }

  /**
   * Whether a host of digits and dots ({@link #isLiteral}) is an IPv4 address as the JDK reads one
   * without asking name servers: one to four numbers, each but the last at most 255 and the last
   * filling the bytes left (127.1 and 2130706433 are 127.0.0.1). The JDK looks any other up as a
   * name (999.1.1.1, 1.2.3.4.5, 4294967296), which would take the fetch's own thread, past its
   * deadline, where no name of digits alone can exist.
   */
  static boolean isIpv4(String host) {
    String[] numbers = host.split("\\.", -1);
    if (numbers.length > 4) {
      return false;
    }
    for (int i = 0; i < numbers.length; i++) {
      long most = i < numbers.length - 1 ? 255 : (1L << 8 * (5 - numbers.length)) - 1;
      if (numbers[i].isEmpty() || numbers[i].length() > 10 || Long.parseLong(numbers[i]) > most) {
        return false;
      }
    }
    return true;
  }

  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      int third = b[2] & 0xff;
      return first == 0
          || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT, Alibaba Cloud metadata
          || (first == 192 && second == 0 && third == 0) // IETF protocol assignments, Oracle Cloud metadata
          || (first == 198 && (second == 18 || second == 19)) // benchmarking, used inside some networks
          || first >= 240;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7 unique local; 64:ff9b:1::/48 local-use NAT64 (RFC 8215), which translates into the operator's own network.
      if ((b[0] & 0xfe) == 0xfc || startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
        return true;
      }
      byte[] ipv4 = embeddedIpv4(b);
      if (ipv4 != null) {
        try {
          return isInternal(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The IPv4 address an IPv6 one carries to be reached through a translator or a tunnel, checked
   * as that address: on a network with NAT64 (IPv6-only hosts), 64:ff9b::10.0.0.1 is 10.0.0.1.
   * Mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64's well-known prefix
   * (64:ff9b::/96) and 6to4 (2002:aabb:ccdd::/48); null for any other address.
   */
  private static byte[] embeddedIpv4(byte[] b) {
    if (isMappedIpv4(b) || allZero(b, 0, 12) || startsWith(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (startsWith(b, 0x20, 0x02)) {
      return Arrays.copyOfRange(b, 2, 6);
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isMappedIpv4(byte[] b) {
    return allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
