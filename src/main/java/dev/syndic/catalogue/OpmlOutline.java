package dev.syndic.catalogue;

import io.micronaut.core.annotation.Nullable;

/**
 * A subscription read from OPML.
 *
 * @param category the outline's {@code category} attribute, else the folder it sits in
 */
public record OpmlOutline(String xmlUrl, @Nullable String title, @Nullable String category) {}
