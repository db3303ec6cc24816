package dev.syndic.ingest;

/** What one batch of entries did to the store. */
record IngestResult(int created, int updated) {}
