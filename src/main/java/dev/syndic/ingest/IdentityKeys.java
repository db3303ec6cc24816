package dev.syndic.ingest;

import dev.syndic.Sha256;
import dev.syndic.clean.LinkCanonicalizer;
import dev.syndic.parse.ParsedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides the identity key of each entry of one fetched feed.
 *
 * <p>Why a fallback chain: the GUID is the publisher's promise of identity and survives edits to
 * title and link, so it wins when the feed keeps that promise. Some feeds break it: they repeat
 * one GUID on every item (a CMS template bug) or leave it out. We decide from what this document
 * actually sends: if GUIDs repeat, GUID plus link; if that still repeats, the link alone; when
 * links repeat too (every item pointing at a home page), or there is neither GUID nor link, title
 * plus date plus whatever else the item has. Links are canonicalized first, so
 * tracking parameters never make one story two entries. The key is a SHA-256 of the chosen
 * parts, short and stable enough to serve as the public id of the entry.
 */
final class IdentityKeys {

  private IdentityKeys() {}

  static List<String> assign(List<ParsedEntry> entries) {
    // An item listed twice verbatim is one entry, not evidence that the feed's ids repeat: it must
    // not push every other item down the chain (and so give them all new keys).
    List<ParsedEntry> distinct = distinct(entries);
    boolean guidsRepeat = repeats(distinct, e -> e.guid());
    boolean guidLinksRepeat = repeats(distinct, e -> e.guid() == null ? null : e.guid() + "\n" + canonical(e));
    boolean linksRepeat = repeats(distinct, IdentityKeys::canonical);
    List<String> keys = new ArrayList<>(entries.size());
    Map<String, Integer> anonymous = new HashMap<>();
    for (ParsedEntry e : entries) {
      String link = canonical(e);
      String key;
      if (e.guid() != null && !guidsRepeat) {
        key = "guid:" + e.guid();
      } else if (e.guid() != null && link != null && !guidLinksRepeat) {
        key = "guid+link:" + e.guid() + "\n" + link;
      } else if (link != null && !linksRepeat) {
        key = "link:" + link;
      } else {
        key = "title+date:" + e.title() + "\n" + Objects.toString(e.published(), "") + "\n" + Objects.toString(e.guid(), "") + "\n" + Objects.toString(link, "");
        if (e.title().isEmpty() && e.published() == null) {
          // RSS 0.9x items may be a description and nothing else: then the words are the identity.
          key += "\n" + Objects.toString(e.contentHtml(), "") + "\n" + Objects.toString(e.summaryHtml(), "");
          // With nothing to tell them apart, the same words posted twice are two posts (as every
          // reader shows them); the occurrence number is stable while both stay in the feed.
          int seen = anonymous.merge(key, 1, Integer::sum);
          if (seen > 1) {
            key += "\n#" + seen;
          }
        }
      }
      keys.add(Sha256.hex(key));
    }
    return keys;
  }

  private static String canonical(ParsedEntry e) {
    return e.link() == null ? null : LinkCanonicalizer.canonical(e.link());
  }

  private record Verbatim(String guid, String link, String title, Instant published, String content, String summary) {}

  private static List<ParsedEntry> distinct(List<ParsedEntry> entries) {
    Set<Verbatim> seen = new HashSet<>();
    List<ParsedEntry> out = new ArrayList<>(entries.size());
    for (ParsedEntry e : entries) {
      if (seen.add(new Verbatim(e.guid(), canonical(e), e.title(), e.published(), e.contentHtml(), e.summaryHtml()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean repeats(List<ParsedEntry> entries, Function<ParsedEntry, String> part) {
    Map<String, Integer> seen = new HashMap<>();
    for (ParsedEntry e : entries) {
      String value = part.apply(e);
      if (value != null && seen.merge(value, 1, Integer::sum) > 1) {
        return true;
      }
    }
    return false;
  }

}
