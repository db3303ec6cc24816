/**
 * The default catalogue: {@code feeds/categories.yml} and {@code feeds/sources.opml}, imported
 * once per database on first start, so a fresh install has categories and sample sources with no
 * network. Also the OPML and category-file readers the admin API reuses.
 */
package dev.syndic.catalogue;
