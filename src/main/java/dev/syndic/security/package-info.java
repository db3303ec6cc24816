/**
 * Admin authentication: bearer tokens stored as SHA-256 hashes (tokens are 256 random bits, so a
 * fast unsalted hash is enough), compared in constant time, checked by a filter in front of every
 * {@code /api} route. Secrets are never logged, except the generated first token, printed once.
 * {@code BearerHeader} reads the {@code Authorization} header for the partner API too, so that
 * both tell a client what to send in the same words.
 */
package dev.syndic.security;
