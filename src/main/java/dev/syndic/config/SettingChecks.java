package dev.syndic.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything else starts, the settings of the README's configuration table that
 * Micronaut would otherwise take wrongly without a word. A value it cannot convert ("10" for a
 * duration, "5k" for a number, "10MiB" for a byte count) is bound as the key's default, or as none:
 * the operator's {@code syndic.fetch.read-timeout=60} ran with 30 s, {@code
 * syndic.retention.max-per-source=5k} kept every entry. And values it can read but nothing can work
 * with started a service that then failed unseen: a read timeout of {@code 0s} failed every http
 * poll, a feed cache size below zero answered every feed with 500, zero poller threads never
 * polled, all while {@code /health} said UP. Every refused setting is named, all at once.
 *
 * <p>The background tasks' delays are among them: Micronaut hands such a setting straight to the
 * JDK's scheduler, which refuses zero or less with an {@code IllegalArgumentException} that names
 * no setting. Retention's settings are checked here alone, named with the others at once; the
 * disclaimer's zone is {@code dev.syndic.publish.DisclaimerConfig}'s.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class SettingChecks {

  private enum Kind { DURATION, DURATION_OR_ZERO, WHOLE, FLAG, HTTP_URL, FOLDER }

  /**
   * A setting, what it must be, and the least (and most) a whole number may be; a duration's least
   * in ms. {@code why}, when not null, is what a wrong value would do, told with the refusal.
   */
  record Setting(String key, Kind kind, long least, long most, String why) {

    Setting(String key, Kind kind, long least, long most) {
      this(key, kind, least, most, null);
    }

    /** This setting, its refusal telling {@code why} the limit is there. */
    Setting because(String why) {
      return new Setting(key, kind, least, most, why);
    }

    static Setting duration(String key) {
      return new Setting(key, Kind.DURATION, 0, 0);
    }

    /** A duration of at least {@code least} (more than zero whatever it is). */
    static Setting duration(String key, Duration least) {
      return new Setting(key, Kind.DURATION, least.toMillis(), 0);
    }

    static Setting durationOrZero(String key) {
      return new Setting(key, Kind.DURATION_OR_ZERO, 0, 0);
    }

    static Setting whole(String key, long least) {
      return new Setting(key, Kind.WHOLE, least, Integer.MAX_VALUE);
    }

    static Setting whole(String key, long least, long most) {
      return new Setting(key, Kind.WHOLE, least, most);
    }

    static Setting flag(String key) {
      return new Setting(key, Kind.FLAG, 0, 0);
    }

    static Setting httpUrl(String key) {
      return new Setting(key, Kind.HTTP_URL, 0, 0);
    }

    static Setting folder(String key) {
      return new Setting(key, Kind.FOLDER, 0, 0);
    }
  }

  private static final String KEEP_ALL = "a limit of zero would delete every entry that is not pinned; leave it unset to keep every entry";

  static final List<Setting> SETTINGS = List.of(
      Setting.whole("micronaut.server.port", -1, 65535),
      // Empty is the working folder: initdb ran in the project folder (and failed, it is not
      // empty), and file: sources could read anything under it.
      Setting.folder("syndic.embedded-postgres.data-dir"),
      Setting.folder("syndic.fetch.file-root"),
      Setting.folder("syndic.catalogue.dir"),
      Setting.whole("syndic.embedded-postgres.port", 0, 65535),
      Setting.flag("syndic.embedded-postgres.enabled"),
      Setting.flag("syndic.fetch.allow-private-addresses"),
      Setting.duration("syndic.fetch.connect-timeout"),
      Setting.duration("syndic.fetch.read-timeout"),
      Setting.whole("syndic.fetch.max-body-bytes", 1, Long.MAX_VALUE),
      Setting.whole("syndic.fetch.per-host-concurrency", 1),
      Setting.flag("syndic.poll.enabled"),
      Setting.duration("syndic.poll.tick"),
      Setting.whole("micronaut.executors.poller.n-threads", 1),
      Setting.duration("syndic.poll.default-interval"),
      Setting.duration("syndic.poll.min-interval"),
      Setting.duration("syndic.poll.max-interval"),
      Setting.durationOrZero("syndic.poll.error-backoff"),
      Setting.duration("syndic.poll.lease"),
      Setting.whole("syndic.poll.batch-size", 1),
      Setting.whole("syndic.poll.max-entries", 1),
      Setting.duration("syndic.poll.revalidate-after"),
      Setting.httpUrl("syndic.site.base-url"),
      // RSS writes it in whole minutes: 30s went out as <ttl>0</ttl>.
      Setting.duration("syndic.publish.ttl", Duration.ofMinutes(1)),
      Setting.durationOrZero("syndic.publish.version-check"),
      Setting.whole("syndic.publish.cache-size", 1),
      Setting.whole("syndic.publish.cache-bytes", 1, Long.MAX_VALUE),
      Setting.httpUrl("syndic.websub.hub"),
      Setting.flag("syndic.websub.subscribe.enabled"),
      // Hubs grant what they like within what is asked; under an hour, renewing would be most of the talk.
      Setting.duration("syndic.websub.subscribe.lease", Duration.ofHours(1)),
      Setting.durationOrZero("syndic.websub.subscribe.least-gap"),
      Setting.durationOrZero("syndic.websub.subscribe.poll-interval"),
      Setting.flag("syndic.catalogue.import-on-first-start"),
      // Unreadable, either limit was bound as none: every entry kept, unseen. Zero (often "no limit"
      // elsewhere) would delete every entry that is not pinned.
      Setting.duration("syndic.retention.max-age").because(KEEP_ALL),
      Setting.whole("syndic.retention.max-per-source", 1).because(KEEP_ALL),
      // Below a day, a feed read twice a day could lose a tombstone between two reads that list it.
      Setting.duration("syndic.retention.tombstone-expiry", Duration.ofDays(1))
          .because("a tombstone keeps a deleted entry from coming back while its feed still lists it"),
      Setting.duration("syndic.retention.departure-max-age", Duration.ofDays(1))
          .because("partners syncing in arrival order read removals within it; below a day, a daily sync could miss them"),
      Setting.duration("syndic.retention.fetch-log-max-age", Duration.ofDays(7))
          .because("a source's 7-day stats read its fetch records"),
      Setting.whole("syndic.classify.recategorize-limit", 0),
      Setting.whole("datasources.default.maximum-pool-size", 1),
      // Hikari takes less than 250 ms for 30 s, and 0 for waiting for ever (a /health that never answers).
      Setting.whole("datasources.default.connection-timeout", 250),
      Setting.whole("micronaut.executors.io.n-threads", 1),
      // How often background tasks run (their @Scheduled delays).
      Setting.duration("syndic.arrival.tick"),
      Setting.duration("syndic.poll.host-pause-refresh"),
      Setting.duration("syndic.retention.interval"),
      Setting.duration("syndic.websub.check"));

  SettingChecks(Environment environment) {
    List<String> refused = new ArrayList<>();
    boolean embedded = !"false".equals(environment.getProperty("syndic.embedded-postgres.enabled", String.class).orElse("true").strip());
    for (Setting setting : SETTINGS) {
      if (!embedded && setting.key().startsWith("syndic.embedded-postgres.") && setting.kind() == Kind.FOLDER) {
        continue; // not used: the database is an external one
      }
      Optional<String> value = environment.getProperty(setting.key(), String.class);
      Optional<Duration> read = setting.kind() == Kind.DURATION || setting.kind() == Kind.DURATION_OR_ZERO
          ? environment.getProperty(setting.key(), Duration.class) : Optional.empty();
      problem(setting, value, read).ifPresent(refused::add);
    }
    if (!refused.isEmpty()) {
      throw new ConfigurationException("Settings refused: " + String.join("; ", refused));
    }
  }

  /**
   * What is wrong with a setting's value, naming its key; empty when it is unset or fine. {@code
   * read} is a duration's value as Micronaut converts it, empty where it cannot.
   */
  static Optional<String> problem(Setting setting, Optional<String> value, Optional<Duration> read) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return refusal(setting, value.get().strip(), read).map(p -> setting.why() == null ? p : p + " (" + setting.why() + ")");
  }

  private static Optional<String> refusal(Setting setting, String text, Optional<Duration> read) {
    String key = setting.key();
    return switch (setting.kind()) {
      case DURATION -> positiveDuration(key, text, read)
          .or(() -> read.get().toMillis() < setting.least()
              ? Optional.of(key + " must be at least " + written(Duration.ofMillis(setting.least())) + ", got '" + text + "'")
              : Optional.empty());
      case DURATION_OR_ZERO -> read.isPresent() && read.get().isNegative()
          ? Optional.of(key + " must not be negative, got '" + text + "'")
          : read.filter(Duration::isZero).isPresent() ? Optional.empty() : positiveDuration(key, text, read);
      // Blank is unset (an empty variable in a compose file): the key's default, or none.
      case WHOLE -> text.isEmpty() ? Optional.empty() : whole(setting, text);
      // In lower case: @Requires compares the text, so "FALSE" kept the embedded server on while
      // its configuration read false.
      case FLAG -> text.equals("true") || text.equals("false") ? Optional.empty()
          : Optional.of(key + ": '" + text + "' is neither true nor false (in lower case)");
      case HTTP_URL -> text.isEmpty() || isHttpUrl(text) ? Optional.empty()
          : Optional.of(key + ": '" + text + "' is not an http(s) address such as https://news.example.com");
      case FOLDER -> text.isEmpty() ? Optional.of(key + " is empty; name a folder (relative to the working folder, or absolute)")
          : Optional.empty();
    };
  }

  /** A least duration as the README's table writes it: in days when it is whole days, else in minutes. */
  private static String written(Duration d) {
    return d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays())) ? d.toDays() + "d" : d.toMinutes() + "m";
  }

  /** A duration more than zero, as Micronaut reads it ({@code read}, empty where it cannot). */
  private static Optional<String> positiveDuration(String key, String text, Optional<Duration> read) {
    if (read.isEmpty()) {
      return Optional.of(key + ": '" + text + "' is not a duration; give a number and a unit (ms, s, m, h, d), e.g. 5s");
    }
    if (read.get().isZero() || read.get().isNegative()) {
      return Optional.of(key + " must be more than zero, got '" + text + "'");
    }
    return Optional.empty();
  }

  private static Optional<String> whole(Setting setting, String text) {
    long number;
    try {
      number = Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Optional.of(setting.key() + ": '" + text + "' is not a whole number");
    }
    if (number < setting.least() || number > setting.most()) {
      return Optional.of(setting.key() + " must be " + (setting.most() == Integer.MAX_VALUE || setting.most() == Long.MAX_VALUE
          ? "at least " + setting.least() : "from " + setting.least() + " to " + setting.most()) + ", got " + text);
    }
    return Optional.empty();
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
