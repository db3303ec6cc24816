/**
 * Turning a feed's bytes into a {@link dev.syndic.parse.ParsedFeed}: charset from BOM, HTTP
 * header, XML prolog, then detection (ICU4J), GB2312/GBK read as GB18030, a few stray bytes
 * replaced rather than allowed to overturn a label ({@code StrayBytes}); common breakage
 * repaired, in the text ({@code XmlRepair}) and then in the tree ({@code TreeRepair}: entries an
 * unclosed element or a closed channel left out of place; then {@code FieldRepair}: fields an
 * unclosed field held, HTML written unescaped); Rome parses a
 * JDOM document we build ourselves with external entities and network access off. Rome stays
 * inside this package. Knows nothing of SQL, HTTP or sources.
 *
 * <p>{@code Mojibake} (text encoded as UTF-8 twice) is written here: the well-kept repairer of
 * such text is Python's ftfy, and no Java library does it; the rule used is narrow (all or nothing
 * per document, see the class), so that text written right is left as it is.
 */
package dev.syndic.parse;
