/**
 * Turning a feed's bytes into a {@link dev.syndic.parse.ParsedFeed}: charset from BOM, HTTP
 * header, XML prolog, then detection (ICU4J), GB2312/GBK read as GB18030; common breakage
 * repaired; Rome parses a JDOM document we build ourselves with external entities and network
 * access off. Rome stays inside this package. Knows nothing of SQL, HTTP or sources.
 */
package dev.syndic.parse;
