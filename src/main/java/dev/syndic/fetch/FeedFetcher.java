package dev.syndic.fetch;

import dev.syndic.WebLinks;
import dev.syndic.clean.ContentCleaner;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Fetches a feed. Thread-safe; every call ends within connect timeout + read timeout, redirects
 * and looking up their hosts' names included, and holds at most {@code maxBodyBytes} of body in
 * memory.
 */
@Singleton
public final class FeedFetcher {

  static final int MAX_REDIRECTS = 5;
  /** How long a host that answers 429 is left alone when it does not say (Retry-After), and at most. */
  static final Duration HOST_PAUSE = Duration.ofMinutes(1);
  static final Duration MAX_HOST_PAUSE = Duration.ofHours(1);
  private static final long DISCARD_LIMIT = 64 * 1024;

  private final FetchConfig config;
  private final Clock clock;
  private final AddressGuard guard;
  private final FileSourceReader files;
  /** Slots per host name, taken before the name is resolved; and the 429 pauses, which are the site's. */
  private final HostLimits hostLimits;
  /** Slots per server, by the address a name resolves to. */
  private final HostLimits serverLimits;
  private final HostPauseBoard board;
  private final HttpClient client;

  /** Ends bodies that are not complete in time; one daemon thread that only cancels transfers. */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  public FeedFetcher(FetchConfig config, Clock clock) {
    this(config, clock, HostPauseBoard.NONE);
  }

  /** A fetcher whose 429 pauses are shared through {@code board} (the application's). */
  @Inject
  public FeedFetcher(FetchConfig config, Clock clock, HostPauseBoard board) {
    this(config, clock, board, AddressGuard.SYSTEM);
  }

  /** A fetcher that looks host names up with {@code resolver} (tests: a name server that hangs). */
  FeedFetcher(FetchConfig config, Clock clock, HostPauseBoard board, AddressGuard.Resolver resolver) {
    this.board = board;
    this.config = config;
    this.clock = clock;
    this.guard = new AddressGuard(config.allowPrivateAddresses(), resolver);
    this.files = new FileSourceReader(config.fileRoot(), config.maxBodyBytes());
    this.hostLimits = new HostLimits(config.perHostConcurrency());
    this.serverLimits = new HostLimits(config.perHostConcurrency());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Why a {@code file:} source URL could never be read (it names no file under {@code
   * syndic.fetch.file-root}), or null when it could; a missing file is not a reason, it may come.
   */
  public String fileRefusal(URI url) {
    return files.refusal(url);
  }

  /**
   * Why a URL's host written in digits and dots can be no server's address, or null for a name or
   * an IPv4 address: refused when a source is saved, not by every poll from then on. {@code
   * parsed} is whether {@link URI#getHost} found the host: it finds none in most such (999.1.1.1,
   * 1.2.3.4.5, 127.1), which no HTTP request can name, and finds some that are no address
   * (4294967296, past 32 bits).
   */
  public static String numericHostRefusal(String host, boolean parsed) {
    return AddressGuard.numericRefusal(host, parsed);
  }

  /**
   * Fetches the URL of the request; never throws for anything the remote side does. Answers
   * {@link FetchResult.Deferred}, having sent nothing, when this instance already talks to the
   * server of the URL's host (the address it resolves to, whatever its name) as often as allowed
   * ({@link HostLimits}: within a quarter second, at once for a host that frees no slot). A host
   * the URL redirects to counts too (many feeds moved to one feed
   * host are its load): a poll that finds it busy is deferred as well, having made its first
   * request (waiting there for a slot held a poller thread for as long as the host was slow).
   */
  public FetchResult fetch(FetchRequest request) {
    URI url = request.url();
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return files.read(url);
    }
    // Every host of the redirect chain counts: many feeds moved to one feed host are its load.
    Set<String> hosts = new HashSet<>();
    Set<String> servers = new HashSet<>();
    try {
      return fetchHops(url, request, hosts, servers);
    } finally {
      hosts.forEach(hostLimits::leave);
      servers.forEach(serverLimits::leave);
    }
  }

  private FetchResult fetchHops(URI url, FetchRequest request, Set<String> hosts, Set<String> servers) {
    // Where the leading permanent hops lead; a temporary hop ends the move (its target is not the feed's address).
    URI movedTo = null;
    boolean permanent = true;
    String notMoved = null;
    // One deadline for the whole fetch, redirects included: five slow hops must not take five times as long.
    long deadline = System.nanoTime() + total().toNanos();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return FetchResult.Failed.of("unsupported URL scheme in " + url + " (use http or https)");
      }
      // The name's slot first: a name whose resolution hangs (a dead domain's name servers)
      // holds as many poller threads as it has slots, not one per feed of it.
      String host = url.getHost() == null ? null : url.getHost().toLowerCase(Locale.ROOT);
      if (host != null && !hosts.contains(host)) {
        if (!hostLimits.tryEnter(host)) {
          return new FetchResult.Deferred(host, null, hostLimits.deferral(host));
        }
        hosts.add(host);
      }
      // The name's lookup counts against the fetch's time, as connecting does: a name whose
      // name servers never answer must not hold the poller thread past it.
      Duration lookup = lookupTime(deadline);
      AddressGuard.Checked checked = guard.check(url.getHost(), lookup);
      if (checked.refusal() != null) {
        // A lookup the redirects before it left less than the connect timeout: not the name
        // servers' slowness alone.
        String cut = hop > 0 && checked.unanswered() && lookup.compareTo(config.connectTimeout()) < 0
            ? " (the redirects before it took the rest of the fetch's " + seconds(total()) + ")" : "";
        return FetchResult.Failed.of("refused " + url + ": " + checked.refusal() + cut);
      }
      // Then the server's, by the address the guard checked (the one a plain-http request
      // connects to): a provider's many names on one server (a.example.com, b.example.com) are
      // its load together.
      String server = checked.address().getHostAddress();
      if (!servers.contains(server)) {
        if (!serverLimits.tryEnter(server)) {
          return new FetchResult.Deferred(host, server, serverLimits.deferral(server));
        }
        servers.add(server);
      }
      // Checked on every hop: a source may redirect to a host that asked to be left alone.
      Instant now = clock.instant();
      Instant pausedUntil = HostPauseBoard.later(hostLimits.pausedUntil(url.getHost(), now), board.pausedUntil(url.getHost(), now));
      if (pausedUntil != null) {
        return new FetchResult.HostPaused(url.getHost(), pausedUntil);
      }
      HttpResponse<byte[]> response;
      try {
        response = exchange(url, pinnedAddress(url, checked.address()), request, deadline);
      } catch (FetchFailure e) {
        return FetchResult.Failed.of(e.getMessage());
      }
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          return new FetchResult.Failed(status, "redirect " + status + " without a Location header", null);
        }
        URI next;
        try {
          // In URI form: a Location naming a Chinese host or path, as browsers follow it.
          next = RedirectTarget.of(url, location);
        } catch (IllegalArgumentException e) {
          next = null;
        }
        if (next == null || next.getHost() == null && WebLinks.isWeb(next.toString())) {
          return new FetchResult.Failed(status, "redirect " + status + " from " + url + " to an invalid Location '" + quoted(location) + "'", null);
        }
        boolean forGood = status == 301 || status == 308;
        if (permanent && forGood && downgrade(url, next)) {
          // Taken as temporary: anyone between Syndic and a plain-http server could send that
          // 301, and stored, it would send every later poll in the clear.
          notMoved = status + " from " + url + " to " + quoted(next.toString()) + " not stored as the source's address: it gives up https";
          forGood = false;
        }
        permanent &= forGood;
        movedTo = permanent ? next : movedTo;
        url = next;
        continue;
      }
      return outcome(response, url, movedTo, notMoved, request);
    }
    return FetchResult.Failed.of("more than " + MAX_REDIRECTS + " redirects (last to " + url + ")");
  }

  /**
   * The address a plain-http request connects to: the one the guard checked, so that a name that
   * resolves to something else a moment later (DNS rebinding, to reach 169.254.169.254 or an
   * intranet host) cannot get past the check. Null (connect by name) for https, whose certificate
   * check binds the name already, for an address literal, and when the client may not send its
   * own Host header ({@link #PINNING}).
   */
  static InetAddress pinnedAddress(URI url, InetAddress checked) {
    boolean http = "http".equalsIgnoreCase(url.getScheme());
    boolean literal = url.getHost() != null && AddressGuard.isLiteral(url.getHost());
    return PINNING && http && !literal ? checked : null;
  }

  /** The Host header of a plain-http request for {@code url}: the port only when not the default. */
  static String hostHeader(URI url) {
    return url.getPort() == -1 || url.getPort() == 80 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /** {@code url} with its host replaced by {@code address}. */
  static URI pinned(URI url, InetAddress address) {
    String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    return URI.create(url.getScheme() + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  /**
   * Whether this JVM's HTTP client lets a request carry its own Host header: only when {@code
   * jdk.httpclient.allowRestrictedHeaders} names it before the client's classes load ({@code
   * Application.main} and the test configuration set it). Without it, plain-http fetches connect
   * by name, as before, and the start says so.
   */
  static final boolean PINNING = hostHeaderAllowed();

  private static boolean hostHeaderAllowed() {
    try {
      HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "example.com").build();
      return true;
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(FeedFetcher.class).warn(
          "plain-http fetches connect by name, not by the address the SSRF guard checked: start the JVM with "
              + "-Djdk.httpclient.allowRestrictedHeaders=host to pin them");
      return false;
    }
  }

  /** Connect plus read timeout: the time a whole fetch, redirects included, may take (and hold its hosts' slots) at most. */
  public Duration total() {
    return config.connectTimeout().plus(config.readTimeout());
  }

  /** How long a hop may wait for its host's name: the connect timeout, within the time the fetch has left. */
  private Duration lookupTime(long deadline) {
    long left = Math.max(0, deadline - System.nanoTime());
    return Duration.ofNanos(Math.min(config.connectTimeout().toNanos(), left));
  }

  private HttpResponse<byte[]> exchange(URI url, InetAddress address, FetchRequest request, long deadline) throws FetchFailure {
    Duration total = total();
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new FetchFailure("no complete response from " + url + " within " + seconds(total) + " (the redirects before it took that long)");
    }
    HttpRequest httpRequest;
    try {
      HttpRequest.Builder builder = request(url, address, Duration.ofNanos(Math.min(config.readTimeout().toNanos(), left)))
          .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
          .header("Accept-Encoding", "gzip, deflate");
      // Credentials written into the address (https://user:password@host/feed), as curl and
      // feedparser send them; the JDK's client sends none. Only this hop's own: a redirect to
      // another server names none, so they do not follow it there, and a relative one keeps them.
      if (url.getRawUserInfo() != null) {
        builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8)));
      }
      if (request.etag() != null) {
        builder.header("If-None-Match", request.etag());
      }
      if (request.lastModified() != null) {
        builder.header("If-Modified-Since", request.lastModified());
      }
      httpRequest = builder.build();
    } catch (IllegalArgumentException e) {
      // A URL the client cannot send, or stored validators that are not legal header values.
      throw new FetchFailure("could not build a request for " + url + ": " + e.getMessage());
    }
    long cap = config.maxBodyBytes();
    HttpResponse.BodyHandler<byte[]> handler =
        info -> {
          HttpResponse.BodySubscriber<byte[]> body;
          if (info.statusCode() < 200 || info.statusCode() >= 300) {
            // Error and redirect bodies are not used: an endless one must not hold the fetch.
            body = CappedBodySubscriber.discarding(Math.min(cap, DISCARD_LIMIT));
          } else {
            body = new CappedBodySubscriber(cap, info.headers().firstValueAsLong("Content-Length").orElse(-1));
          }
          return new BodyDeadline<>(body, DEADLINES, deadline, url.toString());
        };
    try {
      // The blocking send, not sendAsync: it costs a third of the CPU (no hand-over of every
      // completion stage to the client's executor threads); the body deadline bounds it.
      return client.send(httpRequest, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailure("interrupted while fetching " + url);
    } catch (IOException | RuntimeException e) {
      throw new FetchFailure(describe(url, e, total, left < config.readTimeout().toNanos()));
    }
  }

  /** What a WebSub hub answered a request: its status, or why no answer came ({@code problem}, status 0). */
  public record HubReply(int status, String problem) {}

  /** The most of a hub's answer read (and dropped): it says nothing Syndic acts on. */
  private static final int HUB_BODY_READ = 64 * 1024;

  /**
   * Sends a WebSub request (a form, {@code hub.mode=subscribe...}) to a hub a feed names. The hub
   * is the feed's choice, not an admin's, so it is guarded as a fetch is: its address checked
   * ({@link AddressGuard}) and, for plain http, pinned; the fetch's timeouts and User-Agent. A 307
   * or 308 (a hub sending its subscribers on to another, as the recommendation allows) is followed
   * with the same form, each hop guarded, at most {@link #MAX_REDIRECTS}, never from https to
   * plain http (the form holds {@code hub.secret}); other redirects are the hub's answer. At most
   * {@link #HUB_BODY_READ} bytes of each answer are read. The hops share one deadline, {@link
   * #total()}, as a fetch's do.
   */
  public HubReply postForm(URI hub, String form) {
    URI url = hub;
    long deadline = System.nanoTime() + total().toNanos();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new HubReply(0, "no answer from the hub " + quoted(hub.toString()) + " within " + seconds(total()) + " (with its redirects)");
      }
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return new HubReply(0, "the hub " + quoted(url.toString()) + " is not an http or https address");
      }
      AddressGuard.Checked checked = guard.check(url.getHost(), config.connectTimeout());
      if (checked.refusal() != null) {
        return new HubReply(0, "refused " + quoted(url.toString()) + ": " + checked.refusal());
      }
      HttpResponse<byte[]> response;
      try {
        HttpRequest post = request(url, pinnedAddress(url, checked.address()), Duration.ofNanos(Math.min(config.readTimeout().toNanos(), left)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
            .build();
        response = client.send(post, info -> CappedBodySubscriber.discarding(HUB_BODY_READ));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HubReply(0, "interrupted while asking the hub " + quoted(url.toString()));
      } catch (IOException | RuntimeException e) {
        return new HubReply(0, describe(url, e, total(), false));
      }
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if ((status != 307 && status != 308) || location == null) {
        return new HubReply(status, null);
      }
      URI next;
      try {
        next = RedirectTarget.of(url, location);
      } catch (IllegalArgumentException e) {
        next = null;
      }
      if (next == null || next.getHost() == null) {
        return new HubReply(0, "the hub " + quoted(url.toString()) + " redirected to an invalid Location '" + quoted(location) + "'");
      }
      if (downgrade(url, next)) {
        return new HubReply(0, "the hub " + quoted(url.toString()) + " redirected to " + quoted(next.toString())
            + ", plain http: the request, which holds the subscription's secret, is not sent there");
      }
      url = next;
    }
    return new HubReply(0, "more than " + MAX_REDIRECTS + " redirects from the hub " + quoted(hub.toString()) + " (last to "
        + quoted(url.toString()) + ")");
  }

  /**
   * A request for {@code url} with the User-Agent, connecting to {@code address} when the guard
   * pinned one ({@link #pinnedAddress}; null: by name).
   */
  private HttpRequest.Builder request(URI url, InetAddress address, Duration timeout) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(address == null ? url : pinned(url, address))
        .timeout(timeout)
        .header("User-Agent", config.userAgent());
    if (address != null) {
      // HTTP/1.1: an h2c upgrade would name the address, not the host, in every later request's
      // :authority, and a shared host would serve its default site. The port as the client
      // itself writes it: left out when it is the default.
      builder.version(HttpClient.Version.HTTP_1_1).header("Host", hostHeader(url));
    }
    return builder;
  }

  /** Whether a redirect from {@code from} to {@code to} leaves https for plain http. */
  private static boolean downgrade(URI from, URI to) {
    return "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme());
  }

  /** The longest part of a server's address quoted in a message (the source's reason, a log line). */
  public static final int MAX_QUOTED = 300;

  /**
   * A server's address as a message quotes it: whole up to {@link #MAX_QUOTED} characters, else its
   * start and its length. A Location header may be hundreds of kilobytes, and the message is
   * stored as the source's reason and logged at every poll.
   */
  public static String quoted(String address) {
    return address.length() <= MAX_QUOTED ? address : ContentCleaner.cut(address, MAX_QUOTED) + " (" + address.length() + " characters)";
  }

  private FetchResult outcome(HttpResponse<byte[]> response, URI url, URI movedTo, String notMoved, FetchRequest request) {
    int status = response.statusCode();
    var headers = response.headers();
    if (status == 304 && request.etag() == null && request.lastModified() == null) {
      // "Not modified" since nothing: taken as success, a new source would stay empty and healthy,
      // and a revalidating fetch would never see the feed again.
      return new FetchResult.Failed(status, "HTTP 304 (not modified) from " + url
          + " to a request without If-None-Match or If-Modified-Since: the server answers a conditional request that was not made", null);
    }
    if (status == 304) {
      return new FetchResult.NotModified(status, movedTo, CacheHeaders.maxAge(headers, clock), notMoved);
    }
    if (status == 410) {
      return new FetchResult.Gone(status);
    }
    if (status < 200 || status >= 300) {
      // Mostly sent with 429 and 503, but a server that says how long to wait on a 500 means it too.
      Duration retryAfter = CacheHeaders.retryAfter(headers, clock);
      if (status == 429) {
        // A rate limit is the host's: its other feeds wait too (HostLimits).
        Duration wait = retryAfter == null || retryAfter.isNegative() ? HOST_PAUSE : retryAfter;
        Instant now = clock.instant();
        Instant until = now.plus(wait.compareTo(MAX_HOST_PAUSE) > 0 ? MAX_HOST_PAUSE : wait);
        hostLimits.pause(url.getHost(), until, now);
        board.post(url.getHost(), until);
      }
      return new FetchResult.Failed(status, "HTTP " + status + " from " + url, retryAfter);
    }
    byte[] body;
    // Every line of it, in order: a header sent on several lines is one list (RFC 9110 5.3).
    List<String> codings = headers.allValues("Content-Encoding");
    try {
      body = Decompression.decode(response.body(), codings.isEmpty() ? null : String.join(", ", codings), config.maxBodyBytes());
    } catch (CappedBodySubscriber.TooLarge e) {
      return new FetchResult.Failed(status, e.getMessage() + " after decompression, from " + url, null);
    } catch (Decompression.Unsupported e) {
      return new FetchResult.Failed(status, e.getMessage() + " from " + url + " (Syndic asks for gzip or deflate)", null);
    } catch (IOException e) {
      return new FetchResult.Failed(status, "the compressed body from " + url + " is corrupt: " + e.getMessage(), null);
    }
    if (body.length == 0) {
      return new FetchResult.Failed(status, "empty response from " + url, null);
    }
    return new FetchResult.Fetched(
        status,
        url,
        movedTo,
        body,
        headers.firstValue("Content-Type").orElse(null),
        headers.firstValue("ETag").orElse(null),
        headers.firstValue("Last-Modified").orElse(null),
        CacheHeaders.maxAge(headers, clock),
        notMoved);
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "fetch-deadlines");
      t.setDaemon(true);
      return t;
    });
    // Nearly every alarm is cancelled when its body completes: drop it then, with what it holds,
    // rather than keep thousands queued until their time.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  /** What went wrong, in words; {@code cut} when the redirects before this request left it less than the read timeout. */
  private static String describe(URI url, Throwable failure, Duration total, boolean cut) {
    Throwable cause = failure;
    // The client rethrows a body's failure as a new exception with the original as its cause.
    while (cause.getCause() != null && !(cause instanceof CappedBodySubscriber.TooLarge) && !(cause instanceof BodyDeadline.Expired)) {
      cause = cause.getCause();
    }
    if (cause instanceof CappedBodySubscriber.TooLarge) {
      return cause.getMessage() + ", from " + url;
    }
    if (cause instanceof BodyDeadline.Expired) {
      return "no complete response from " + url + " within " + seconds(total);
    }
    cause = failure;
    if (cause instanceof HttpTimeoutException && cut) {
      return "no complete response from " + url + " within " + seconds(total) + " (with the redirects before it)";
    }
    if (cause instanceof HttpTimeoutException) {
      return "timed out fetching " + url + ": " + cause.getMessage();
    }
    if (cause instanceof ConnectException && cause.getMessage() == null) {
      // The JDK's client gives no word of why, in it or its causes.
      int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
      return "could not fetch " + url + ": could not connect to " + url.getHost() + ":" + port + " (refused, or no route to it)";
    }
    String what = cause.getClass().getSimpleName();
    String message = cause.getMessage() == null ? what : what + ": " + cause.getMessage();
    return "could not fetch " + url + " (" + message + ")";
  }

  /** A failure of this hop, turned into a {@link FetchResult.Failed} by {@link #fetch}. */
  private static final class FetchFailure extends Exception {
    FetchFailure(String message) {
      super(message, null, false, false);
    }
  }
}
