package dev.syndic.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The default disclaimer, used where no stored template (source, category or global) applies.
 * Placeholders: {@code {title}}, {@code {site}}, {@code {source}}, {@code {author}}, {@code
 * {link}}, {@code {date}}.
 *
 * @param template for entries in Chinese
 * @param templateEn for entries in any other language
 * @param zone the time zone {@code {date}} is written in: a story published at 20:00 UTC is dated
 *     the next day in Beijing, where most of the content and its readers are
 */
@ConfigurationProperties("syndic.disclaimer")
public record DisclaimerConfig(
    @Bindable(defaultValue = "特别声明:[{title}] 该文观点仅代表作者本人,{site}系信息发布平台,{site}仅提供信息存储空间服务。") String template,
    @Bindable(defaultValue = "Notice: \"{title}\" was published by {source}; the views are the author's own. {site} is an information publishing platform and only provides information storage services.")
        String templateEn,
    @Bindable(defaultValue = "Asia/Shanghai") String zone) {

  public DisclaimerConfig {
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("syndic.disclaimer.zone: '" + zone + "' is not a time zone (e.g. Asia/Shanghai, UTC, +08:00)", e);
    }
  }

  /** The zone of {@code {date}}. */
  ZoneId zoneId() {
    return ZoneId.of(zone);
  }
}
