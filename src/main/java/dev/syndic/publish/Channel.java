package dev.syndic.publish;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What a feed is about and where it lives.
 *
 * @param id a stable id of the feed (Atom {@code id})
 * @param selfUrl the URL this very document is served at
 * @param hubUrl the WebSub hub, or null
 * @param ttlMinutes how long readers may cache it
 * @param updated the newest change among its items
 */
record Channel(
    String id,
    String title,
    String description,
    String selfUrl,
    String siteUrl,
    @Nullable String hubUrl,
    String language,
    String siteName,
    long ttlMinutes,
    Instant updated) {}
