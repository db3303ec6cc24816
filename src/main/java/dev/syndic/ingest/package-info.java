/**
 * Ingest composes the pipeline: claims due sources, fetches, parses, cleans, identifies,
 * categorizes and stores their entries (one transaction per source's batch), records every fetch
 * and schedules the next one. The steps themselves live in their own packages.
 */
package dev.syndic.ingest;
