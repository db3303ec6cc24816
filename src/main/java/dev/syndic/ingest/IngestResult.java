package dev.syndic.ingest;

/**
 * What storing a fetch's entries did; {@code claimLost}: nothing was stored, the poll had outlasted
 * its claim and another poll of the source took it over.
 */
record IngestResult(int created, int updated, boolean claimLost) {

  static final IngestResult CLAIM_LOST = new IngestResult(0, 0, true);
}
