/**
 * Cross-source duplicate detection, pure: fingerprints of an entry's cleaned title and core body
 * (character shingles for Chinese, word shingles for Latin script, so Chinese needs no word
 * segmentation), candidate keys for an indexed lookup in PostgreSQL (title, link, leading
 * sentences, MinHash bands), and the judgement whether two entries tell the same story.
 *
 * <p>Written here rather than taken from a library: the judgement is specific to republication
 * noise (truncated copies, appended blocks), and the candidate keys must be plain numbers that a
 * B-tree index can look up; the hashing itself is a few lines.
 */
package dev.syndic.dedupe;
