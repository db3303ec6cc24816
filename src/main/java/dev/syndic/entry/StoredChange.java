package dev.syndic.entry;

/** An entry that a write created or changed. */
public record StoredChange(long entryId, boolean created) {}
