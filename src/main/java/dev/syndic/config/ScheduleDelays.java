package dev.syndic.config;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before any background task is scheduled, the settings that set how often one runs.
 * Micronaut hands such a setting straight to the JDK's scheduler, which refuses zero or less with an
 * {@code IllegalArgumentException} that names no setting, and binds one it cannot read (a "5" with
 * no unit) to nothing at all; either way the operator would be left guessing which key stopped
 * the start. The poll tick and the other durations of the configuration table are {@link SettingChecks}'.
 */
@Context
final class ScheduleDelays {

  /** The settings; unset, each {@code @Scheduled} has its default (README, configuration). */
  static final List<String> DELAYS = List.of("syndic.arrival.tick", "syndic.poll.host-pause-refresh", "syndic.retention.interval",
      "syndic.websub.check");

  ScheduleDelays(Environment environment) {
    for (String key : DELAYS) {
      check(key, environment.getProperty(key, String.class), environment.getProperty(key, Duration.class));
    }
  }

  /**
   * Refuses a set value that is not a duration more than zero, naming its key; {@code read} is the
   * value as Micronaut converts it for the scheduler, empty where it cannot.
   */
  static void check(String key, Optional<String> value, Optional<Duration> read) {
    if (value.isEmpty()) {
      return;
    }
    String text = value.get().strip();
    if (read.isEmpty()) {
      throw new ConfigurationException(key + ": '" + text + "' is not a duration; give a number and a unit (ms, s, m, h, d), e.g. 5s");
    }
    if (read.get().isZero() || read.get().isNegative()) {
      throw new ConfigurationException(key + " must be more than zero, got '" + text + "'");
    }
  }
}
