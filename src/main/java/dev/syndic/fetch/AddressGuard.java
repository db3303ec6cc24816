package dev.syndic.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Refuses outbound requests to addresses inside the machine or its network (SSRF): loopback,
 * private, link-local (which includes cloud metadata at 169.254.169.254), carrier-grade NAT,
 * 192.0.0.0/24, 198.18.0.0/15, unique-local IPv6, multicast and the unspecified address. Every
 * address a host resolves to is checked, and callers check again on every redirect.
 */
final class AddressGuard {

  private final boolean allowPrivate;

  AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /**
   * What the check found: a refusal (the reason), or the address to connect to.
   */
  record Checked(String refusal, InetAddress address) {}

  /** Resolves {@code host} once and checks every address it has; the first is the one to use. */
  Checked check(String host) {
    if (host == null || host.isBlank()) {
      return new Checked("the URL has no host", null);
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return new Checked("the host " + host + " could not be resolved", null);
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
      // fc00::/7 unique local; ::ffff:a.b.c.d mapped addresses are checked as IPv4.
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      if (isMappedIpv4(b)) {
        try {
          return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isMappedIpv4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
