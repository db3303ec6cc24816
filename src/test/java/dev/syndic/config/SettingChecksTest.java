package dev.syndic.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Settings of the README's table that Micronaut took as their default unseen (a value it cannot
 * convert), or that started a service unable to work, stop the start naming their key.
 */
class SettingChecksTest {

  private static SettingChecks.Setting setting(String key) {
    return SettingChecks.SETTINGS.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
  }

  /** The problem found with {@code value}, read as Micronaut reads it (a duration where it can). */
  private static Optional<String> problem(ApplicationContext context, String key, String value) {
    Optional<Duration> read = context.getConversionService().convert(value, Duration.class);
    return SettingChecks.problem(setting(key), Optional.of(value), read);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
    // bound as the 30 s default before: the operator's 60 s was never used
    "syndic.fetch.read-timeout | 60 | syndic.fetch.read-timeout: '60' is not a duration",
    // read, and then every http poll failed with "Invalid duration: PT0S"
    "syndic.fetch.read-timeout | 0s | syndic.fetch.read-timeout must be more than zero, got '0s'",
    "syndic.fetch.connect-timeout | -1s | syndic.fetch.connect-timeout must be more than zero",
    "syndic.poll.lease | 10 | syndic.poll.lease: '10' is not a duration",
    "syndic.poll.tick | 5 | syndic.poll.tick: '5' is not a duration",
    "syndic.publish.ttl | -1m | syndic.publish.ttl must be more than zero",
    // RSS writes whole minutes: <ttl>0</ttl>
    "syndic.publish.ttl | 30s | syndic.publish.ttl must be at least 1m, got '30s'",
    "syndic.publish.version-check | -1s | syndic.publish.version-check must not be negative",
    "syndic.poll.error-backoff | 5 | syndic.poll.error-backoff: '5' is not a duration",
    // bound as none: retention stayed off
    "syndic.retention.max-per-source | 5k | syndic.retention.max-per-source: '5k' is not a whole number",
    // bound as the 10 MiB default whatever was written
    "syndic.fetch.max-body-bytes | 5MiB | syndic.fetch.max-body-bytes: '5MiB' is not a whole number",
    "syndic.fetch.max-body-bytes | 0 | syndic.fetch.max-body-bytes must be at least 1, got 0",
    "syndic.poll.batch-size | abc | syndic.poll.batch-size: 'abc' is not a whole number",
    // every source waited for a free slot that never came
    "syndic.fetch.per-host-concurrency | 0 | syndic.fetch.per-host-concurrency must be at least 1, got 0",
    // every feed answered 500 while /health said UP
    "syndic.publish.cache-size | -1 | syndic.publish.cache-size must be at least 1, got -1",
    "syndic.publish.cache-bytes | 64MiB | syndic.publish.cache-bytes: '64MiB' is not a whole number",
    "syndic.publish.cache-bytes | 0 | syndic.publish.cache-bytes must be at least 1, got 0",
    // the scheduler was never created: no polls, and /health UP for six minutes
    "micronaut.executors.poller.n-threads | 0 | micronaut.executors.poller.n-threads must be at least 1, got 0",
    // Micronaut's own error named a parameter of NettyHttpServerConfiguration.setPort
    "micronaut.server.port | 8080a | micronaut.server.port: '8080a' is not a whole number",
    "syndic.embedded-postgres.port | 70000 | syndic.embedded-postgres.port must be from 0 to 65535, got 70000",
    "syndic.classify.recategorize-limit | -1 | syndic.classify.recategorize-limit must be at least 0, got -1",
    // Hikari waits for ever with 0 and 30 s below 250
    "datasources.default.connection-timeout | 5s | datasources.default.connection-timeout: '5s' is not a whole number",
    "datasources.default.connection-timeout | 0 | datasources.default.connection-timeout must be at least 250, got 0",
    // read as false: polling off, or a typo that turned private addresses off
    "syndic.poll.enabled | ture | syndic.poll.enabled: 'ture' is neither true nor false",
    // @Requires compares the text with "false": "no" kept the embedded server on
    "syndic.embedded-postgres.enabled | no | syndic.embedded-postgres.enabled: 'no' is neither true nor false",
    "syndic.embedded-postgres.enabled | FALSE | syndic.embedded-postgres.enabled: 'FALSE' is neither true nor false (in lower case)",
    // written into every feed's self links and hub link as given
    "syndic.site.base-url | news.example.com | syndic.site.base-url: 'news.example.com' is not an http(s) address",
    "syndic.websub.hub | ftp://hub.example.com | syndic.websub.hub: 'ftp://hub.example.com' is not an http(s) address",
    // the working folder: initdb ran in the project folder, file: sources could read all of it
    "syndic.embedded-postgres.data-dir | ' ' | syndic.embedded-postgres.data-dir is empty",
    "syndic.fetch.file-root | '' | syndic.fetch.file-root is empty",
    // background delays: the JDK's scheduler refused them with an error that named no setting
    "syndic.arrival.tick | 0s | syndic.arrival.tick must be more than zero, got '0s'",
    "syndic.websub.check | -5s | syndic.websub.check must be more than zero",
    "syndic.poll.host-pause-refresh | 0ms | syndic.poll.host-pause-refresh must be more than zero",
    "syndic.retention.interval | 5 | syndic.retention.interval: '5' is not a duration",
    // retention: deleting every unpinned entry at the first run, or tombstones and fetch records
    // kept for less than they are read for; unreadable, a limit bound as none or a 30d default
    "syndic.retention.max-age | 0s | syndic.retention.max-age must be more than zero, got '0s' (a limit of zero would delete every entry that is not pinned; leave it unset to keep every entry)",
    "syndic.retention.max-age | -24h | syndic.retention.max-age must be more than zero",
    "syndic.retention.max-age | 26w | syndic.retention.max-age: '26w' is not a duration",
    "syndic.retention.max-per-source | 0 | syndic.retention.max-per-source must be at least 1, got 0 (a limit of zero would delete every entry that is not pinned; leave it unset to keep every entry)",
    "syndic.retention.max-per-source | -1 | syndic.retention.max-per-source must be at least 1, got -1",
    "syndic.retention.tombstone-expiry | 12h | syndic.retention.tombstone-expiry must be at least 1d, got '12h' (a tombstone keeps a deleted entry from coming back while its feed still lists it)",
    "syndic.retention.tombstone-expiry | 90 | syndic.retention.tombstone-expiry: '90' is not a duration",
    "syndic.retention.tombstone-expiry | 4w | syndic.retention.tombstone-expiry: '4w' is not a duration",
    "syndic.retention.fetch-log-max-age | 1d | syndic.retention.fetch-log-max-age must be at least 7d, got '1d' (a source's 7-day stats read its fetch records)",
    "syndic.retention.fetch-log-max-age | -1d | syndic.retention.fetch-log-max-age must be more than zero",
    "syndic.retention.fetch-log-max-age | 60 | syndic.retention.fetch-log-max-age: '60' is not a duration",
    "syndic.retention.fetch-log-max-age | 2w | syndic.retention.fetch-log-max-age: '2w' is not a duration",
  })
  void aValueNothingCanUseIsRefusedNamingTheKey(String key, String value, String message) {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      Optional<String> problem = problem(context, key, value);
      assertTrue(problem.isPresent() && problem.get().startsWith(message), key + "=" + value + ": " + problem);
    }
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
    "syndic.fetch.read-timeout | 45s", "syndic.poll.error-backoff | 0s", "syndic.publish.version-check | 0s",
    "syndic.publish.ttl | PT15M", "syndic.publish.ttl | 1m", "syndic.fetch.max-body-bytes | 20971520", "syndic.classify.recategorize-limit | 0",
    "syndic.embedded-postgres.port | 0", "micronaut.server.port | -1", "syndic.poll.enabled | false", "syndic.site.base-url | https://news.example.com/",
    "syndic.websub.hub | ", "datasources.default.connection-timeout | 5000", "syndic.catalogue.dir | /srv/syndic/feeds",
    "syndic.arrival.tick | 250ms", "syndic.retention.interval | 1h",
    "syndic.retention.max-age | 180d", "syndic.retention.max-per-source | 5000", "syndic.retention.tombstone-expiry | 1d",
    "syndic.retention.tombstone-expiry | 2160h", "syndic.retention.tombstone-expiry | P90D", "syndic.retention.fetch-log-max-age | 7d",
    // an empty variable (a compose file's SYNDIC_RETENTION_MAX_PER_SOURCE=) is unset: keep all
    "syndic.retention.max-per-source | ", "syndic.poll.batch-size | ' '",
  })
  void sensibleValuesPass(String key, String value) {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      assertEquals(Optional.empty(), problem(context, key, value == null ? "" : value));
    }
  }

  /**
   * Checked before any other bean is made: the start stops with every refused key at once, not
   * with the datasource's, the scheduler's or a feed request's own error later.
   */
  @Test
  void badSettingsStopTheStartNamingEveryKey() {
    RuntimeException e = assertThrows(RuntimeException.class, () -> {
      try (ApplicationContext ignored = ApplicationContext.run(Map.of(
          "syndic.fetch.read-timeout", "0s",
          "syndic.arrival.tick", "0s",
          "micronaut.executors.poller.n-threads", "0",
          "syndic.retention.max-per-source", "5k",
          "datasources.default.maximum-pool-size", "0"), "test")) {
        // started: the settings were taken
      }
    });
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    for (String expected : new String[] {"syndic.fetch.read-timeout must be more than zero", "syndic.arrival.tick must be more than zero, got '0s'",
        "micronaut.executors.poller.n-threads must be at least 1",
        "syndic.retention.max-per-source: '5k' is not a whole number", "datasources.default.maximum-pool-size must be at least 1"}) {
      assertTrue(messages.contains(expected), messages);
    }
  }

  /** With an external database the embedded server's folder is not used, so an empty one is no reason to stop. */
  @Test
  void theEmbeddedFolderIsCheckedOnlyWhenTheEmbeddedServerRuns() {
    try (ApplicationContext context = ApplicationContext.builder()
        .properties(Map.of("syndic.embedded-postgres.enabled", "false", "syndic.embedded-postgres.data-dir", "")).build()) {
      context.getEnvironment().start();
      new SettingChecks(context.getEnvironment());
    }
    try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("syndic.embedded-postgres.data-dir", "")).build()) {
      context.getEnvironment().start();
      RuntimeException e = assertThrows(RuntimeException.class, () -> new SettingChecks(context.getEnvironment()));
      assertTrue(e.getMessage().contains("syndic.embedded-postgres.data-dir is empty"), e.getMessage());
    }
  }
}
