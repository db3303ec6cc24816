package dev.syndic.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param template the disclaimer appended to every item; placeholders {@code {title}}, {@code
 *     {site}}, {@code {source}}, {@code {author}}, {@code {link}}, {@code {date}}
 */
@ConfigurationProperties("syndic.disclaimer")
public record DisclaimerConfig(
    @Bindable(defaultValue = "特别声明:[{title}] 该文观点仅代表作者本人,{site}系信息发布平台,{site}仅提供信息存储空间服务。") String template) {}
