package dev.syndic.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * WebSub subscriptions to the hubs sources' feeds name.
 *
 * @param enabled whether sources are subscribed; they are only where {@code syndic.site.base-url}
 *     is set, the public address the hub sends its notices to
 * @param lease how long a subscription is asked to last ({@code hub.lease_seconds}); it is renewed
 *     at the first poll in the last quarter of the lease the hub granted
 * @param leastGap the least time between two polls that notices bring about: a hub that notifies
 *     a hundred times a minute brings one poll
 * @param pollInterval the least interval between a source's polls while its hub's notices are
 *     relied on (the notices bring the polls that matter; these only check on the hub), within
 *     {@code syndic.poll.max-interval}; 0 keeps the source's own pace
 */
@ConfigurationProperties("syndic.websub.subscribe")
public record PushConfig(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "10d") Duration lease,
    @Bindable(defaultValue = "1m") Duration leastGap,
    @Bindable(defaultValue = "3h") Duration pollInterval) {}
