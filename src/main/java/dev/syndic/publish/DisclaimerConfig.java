package dev.syndic.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The default disclaimer, used where no stored template (source, category or global) applies.
 * Placeholders: {@code {title}}, {@code {site}}, {@code {source}}, {@code {author}}, {@code
 * {link}}, {@code {date}}.
 *
 * @param template for entries in Chinese
 * @param templateEn for entries in any other language
 */
@ConfigurationProperties("syndic.disclaimer")
public record DisclaimerConfig(
    @Bindable(defaultValue = "特别声明:[{title}] 该文观点仅代表作者本人,{site}系信息发布平台,{site}仅提供信息存储空间服务。") String template,
    @Bindable(defaultValue = "Notice: \"{title}\" was published by {source}; the views are the author's own. {site} is an information publishing platform and only provides information storage services.")
        String templateEn) {}
