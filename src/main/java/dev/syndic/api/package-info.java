/**
 * The admin REST API under {@code /api/v1}: thin controllers that validate, call and map, JSON
 * views of stored things, opaque cursors, and RFC 9457 problem+json for every error. Sits at the
 * edge: nothing in the pipeline depends on it.
 */
package dev.syndic.api;
