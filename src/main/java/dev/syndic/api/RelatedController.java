package dev.syndic.api;

import dev.syndic.publish.FeedVersion;
import dev.syndic.publish.RelatedSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Comparator;

/** The related-reading block of each category's public feed: list, and {@code PUT /{category}}. */
@Controller("/api/v1/related")
@ExecuteOn(TaskExecutors.BLOCKING)
@SecurityRequirement(name = "admin")
final class RelatedController {

  /** {@code {"enabled": true, "size": 3}}; size 1..10, default 3. */
  @Serdeable
  @Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  record RelatedInput(@JsonScalars.Flag @Nullable Boolean enabled,
      @JsonScalars.Int(min = MIN_SIZE, max = MAX_SIZE) @Nullable @Schema(minimum = "" + MIN_SIZE, maximum = "" + MAX_SIZE) Integer size)
      implements ClosedBody {}

  static final int MIN_SIZE = 1;

  static final int MAX_SIZE = 10;

  private final RelatedSettings settings;
  private final FeedVersion version;

  RelatedController(RelatedSettings settings, FeedVersion version) {
    this.settings = settings;
    this.version = version;
  }

  /** The related-reading settings of every category. */
  @Get
  Page<RelatedSettings.Setting> list() {
    return new Page<>(settings.all().values().stream().sorted(Comparator.comparing(RelatedSettings.Setting::category)).toList(), null);
  }

  /** Sets the related-reading block of a category: {"enabled", "size"}. */
  @Put("/{category}")
  RelatedSettings.Setting put(String category, @Body RelatedInput in) {
    if (in.enabled() == null) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "enabled: required (true or false)");
    }
    int size = in.size() == null ? 3 : in.size();
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new HttpStatusException(HttpStatus.BAD_REQUEST, "size: must be between " + MIN_SIZE + " and " + MAX_SIZE + ", was " + size);
    }
    RelatedSettings.Setting s = new RelatedSettings.Setting(category, in.enabled(), size);
    if (!settings.put(s)) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "no category '" + category + "'");
    }
    version.refresh();
    return s;
  }
}
