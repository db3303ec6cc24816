/**
 * Cleaning what publishers send: HTML sanitized to a safe subset with absolute URLs (jsoup), and a
 * normalized plain text for matching (ICU4J: NFKC, case folding, Traditional to Simplified
 * Chinese). Pure functions; knows nothing of SQL or HTTP. Recognising republication noise
 * (Boilerplate, Byline, WordPressFooter, RelatedBlock, ReadMoreTail, SiteTail, TitleSuffix, SeriesNumber, InsertedEmoji,
 * ChinesePunctuation), empty markup (EmptyMarkup) and lazy-loaded images (LazyImages) is written
 * here: no library knows these Chinese and English site patterns.
 */
package dev.syndic.clean;
