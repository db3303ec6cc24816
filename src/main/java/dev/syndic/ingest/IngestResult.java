package dev.syndic.ingest;

/** What one batch of entries did to the store. */
record IngestResult(int found, int created, int updated) {}
