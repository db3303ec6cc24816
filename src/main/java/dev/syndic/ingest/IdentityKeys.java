package dev.syndic.ingest;

import dev.syndic.Sha256;
import dev.syndic.clean.LinkCanonicalizer;
import dev.syndic.dedupe.DuplicateJudge;
import dev.syndic.entry.EntryStore;
import dev.syndic.parse.ParsedEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 * one GUID on every item (a CMS template bug), reuse an old item's GUID for a new one, or leave it
 * out. Each entry is judged by what this document sends for it: a GUID no other item of the
 * document repeats is the key; a repeated one is taken with the link; a link alone when there is
 * no GUID and no other item has the link; else title plus date plus whatever else the item has.
 * (Judging the whole document by its worst item, as before, gave every entry a new key the day
 * one GUID was reused, and so stored the whole feed a second time.) Links are canonicalized
 * first, so tracking parameters never make one story two entries. The key is a SHA-256 of the
 * chosen parts, short and stable enough to serve as the public id of the entry.
 *
 * <p>The other keys an entry could have are its candidates too ({@link #candidates}): an entry
 * whose words are stored under one of them keeps it ({@link #choose}), so that a reused GUID does
 * not move the older story to a new key, nor does the upgrade from the document-wide rule.
 */
final class IdentityKeys {

  private IdentityKeys() {}

  /** The keys of entries of which none is stored yet ({@link #choose} with nothing stored). */
  static List<String> assign(List<ParsedEntry> entries) {
    return choose(entries, candidates(entries), Map.of(), List.of());
  }

  /**
   * Each entry's possible keys: first the one its place in this document gives it (see the class
   * comment), then the others that apply, in the order of the chain.
   */
  static List<List<String>> candidates(List<ParsedEntry> entries) {
    return of(entries).keys();
  }

  /**
   * Each entry's possible keys ({@link #candidates}), and which entries (by index) have a link
   * that another item of the document has too: such a link (a section page, a site's "latest"
   * page) names no story, in this source or across sources.
   */
  record Candidates(List<List<String>> keys, BitSet sharedLink) {}

  /** The {@link Candidates} of a document's entries. */
  static Candidates of(List<ParsedEntry> entries) {
    // Each link canonicalized once: the counts and the chain below all read it.
    Map<ParsedEntry, String> links = new IdentityHashMap<>(entries.size() * 2);
    for (ParsedEntry e : entries) {
      links.computeIfAbsent(e, IdentityKeys::canonical);
    }
    // An item listed twice verbatim is one entry, not evidence that the feed's ids repeat.
    List<ParsedEntry> distinct = distinct(entries, links);
    Map<String, Integer> guids = counts(distinct, ParsedEntry::guid);
    Map<String, Integer> guidLinks = counts(distinct, e -> e.guid() == null ? null : e.guid() + "\n" + links.get(e));
    Map<String, Integer> linkCounts = counts(distinct, links::get);
    List<List<String>> out = new ArrayList<>(entries.size());
    BitSet sharedLink = new BitSet(entries.size());
    Map<String, Integer> anonymous = new HashMap<>();
    for (ParsedEntry e : entries) {
      String link = links.get(e);
      if (link != null && linkCounts.get(link) > 1) {
        sharedLink.set(out.size());
      }
      List<String> chain = new ArrayList<>(4);
      String preferred = null;
      if (e.guid() != null) {
        String key = Sha256.hex("guid:" + e.guid());
        chain.add(key);
        preferred = guids.get(e.guid()) == 1 ? key : null;
      }
      if (e.guid() != null && link != null) {
        String key = Sha256.hex("guid+link:" + e.guid() + "\n" + link);
        chain.add(key);
        preferred = preferred == null && guidLinks.get(e.guid() + "\n" + link) == 1 ? key : preferred;
      }
      if (link != null) {
        String key = Sha256.hex("link:" + link);
        chain.add(key);
        preferred = preferred == null && linkCounts.get(link) == 1 ? key : preferred;
      }
      String title = titleDateKey(e, link, anonymous);
      chain.add(title);
      if (e.published() != null && !e.title().isEmpty()) {
        // The key the item had while its date was no date: dates in forms Rome cannot read are read
        // since FeedDates, and an item keyed by its title and date must keep the key it is stored
        // (or deleted) under; taken only where its words are stored under it.
        chain.add(Sha256.hex("title+date:" + e.title() + "\n\n" + Objects.toString(e.guid(), "") + "\n" + Objects.toString(link, "")));
      }
      String first = preferred == null ? title : preferred;
      List<String> ordered = new ArrayList<>(chain.size());
      ordered.add(first);
      for (String k : chain) {
        if (!k.equals(first)) {
          ordered.add(k);
        }
      }
      out.add(ordered);
    }
    return new Candidates(out, sharedLink);
  }

  /**
   * Picks each entry's key among its {@code candidates}, keeping the identity the source already
   * has for it where that is certain: an entry whose words ({@code sourceHashes}, as {@link
   * EntryPreparer#sourceHash}) are stored under one of its candidates ({@code storedHashes}: of
   * stored entries and of deleted ones, whose tombstones keep their words) keeps that one; any
   * other takes its first candidate not taken. So of two items that share a reused GUID, the one
   * stored (or deleted) under it keeps it, and the other is a new entry. A stored key is not
   * taken on weaker evidence: an item with a new GUID and an old item's link would overwrite that
   * item, or, were the link's entry deleted, never be stored. Entries with other candidates never
   * share a key; an item listed twice verbatim has the same candidates and gets the same key, so
   * the copy is skipped as before (an item with no title, date, GUID or link is told apart by its
   * occurrence number).
   */
  static List<String> choose(List<ParsedEntry> entries, List<List<String>> candidates, Map<String, String> storedHashes,
      List<String> sourceHashes) {
    int n = entries.size();
    String[] keys = new String[n];
    Map<List<String>, Integer> firstWith = new HashMap<>();
    List<Integer> originals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (firstWith.putIfAbsent(candidates.get(i), i) == null) {
        originals.add(i);
      }
    }
    Set<String> taken = new HashSet<>();
    if (!sourceHashes.isEmpty()) {
      for (int i : originals) {
        for (String k : candidates.get(i)) {
          if (sourceHashes.get(i).equals(storedHashes.get(k)) && taken.add(k)) {
            keys[i] = k;
            break;
          }
        }
      }
    }
    for (int i : originals) {
      for (String k : candidates.get(i)) {
        if (keys[i] == null && taken.add(k)) {
          keys[i] = k;
        }
      }
      if (keys[i] == null) {
        keys[i] = candidates.get(i).get(0); // all taken: the store keeps the first of the two
      }
    }
    for (int i = 0; i < n; i++) {
      if (keys[i] == null) {
        keys[i] = keys[firstWith.get(candidates.get(i))];
      }
    }
    return List.of(keys);
  }

  /**
   * The indexes of the items that may be a stored entry under another GUID ({@link #reclaim}):
   * those with a GUID whose chosen key is neither stored nor deleted ({@code known}).
   */
  static List<Integer> unknownWithGuid(List<ParsedEntry> entries, List<String> keys, Set<String> known) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).guid() != null && !known.contains(keys.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Gives an item with a GUID the source has never sent the key of its twin: a stored entry with
   * the same words ({@code sourceHashes}, as {@link EntryPreparer#sourceHash}) and the same link,
   * the only item of the fetch with that link, whose key no item of the fetch has; or a deleted
   * one with the same words (its tombstone keeps no link). {@code twins} are the source's entries
   * found by the words of the {@code unknown} items ({@link #unknownWithGuid}). Why: some CMSs
   * put the time of the request into every GUID ({@code ?ts=1773734400}), so each poll lists the
   * same stories under new GUIDs; keyed by GUID alone, each poll stored the whole feed again
   * (never clustered: one source's entries are not) and brought deleted items back. Same words and link is what a GUID
   * promises here; a new story that takes an old item's link with words of its own is still a new
   * entry ({@link #choose}), and items without a GUID, or linking the site's home page, keep the
   * keys the chain gives them (a daily bulletin in the same words is a new post). Each twin is
   * taken once.
   */
  static List<String> reclaim(List<ParsedEntry> entries, List<String> keys, List<Integer> unknown, List<String> sourceHashes,
      List<EntryStore.Worded> twins) {
    Map<String, Set<String>> keysOfLink = new HashMap<>();
    Map<ParsedEntry, String> links = new IdentityHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String link = links.computeIfAbsent(entries.get(i), IdentityKeys::canonical);
      if (link != null) {
        keysOfLink.computeIfAbsent(link, l -> new HashSet<>()).add(keys.get(i));
      }
    }
    Set<String> taken = new HashSet<>(keys);
    Map<String, String> moved = new HashMap<>();
    for (int i : unknown) {
      String key = keys.get(i);
      String link = links.get(entries.get(i));
      if (moved.containsKey(key) || link == null || keysOfLink.get(link).size() > 1 || DuplicateJudge.homePage(link)) {
        continue;
      }
      for (EntryStore.Worded t : twins) {
        if (t.sourceHash().equals(sourceHashes.get(i)) && !taken.contains(t.identityKey())
            && (t.deleted() || t.link() != null && link.equals(LinkCanonicalizer.canonical(t.link())))) {
          taken.add(t.identityKey());
          moved.put(key, t.identityKey());
          break;
        }
      }
    }
    if (moved.isEmpty()) {
      return keys;
    }
    return keys.stream().map(k -> moved.getOrDefault(k, k)).toList();
  }

  private static String titleDateKey(ParsedEntry e, String link, Map<String, Integer> anonymous) {
    String key = "title+date:" + e.title() + "\n" + Objects.toString(e.published(), "") + "\n" + Objects.toString(e.guid(), "") + "\n"
        + Objects.toString(link, "");
    if (e.title().isEmpty() && e.published() == null) {
      // RSS 0.9x items may be a description and nothing else: then the words are the identity.
      key += "\n" + Objects.toString(e.contentHtml(), "") + "\n" + Objects.toString(e.summaryHtml(), "");
      // With nothing to tell them apart (no GUID or link either), the same words posted twice are
      // two posts (as every reader shows them); the occurrence number is stable while both stay
      // in the feed. With a GUID or link, the same item listed twice is one.
      if (e.guid() == null && link == null) {
        int seen = anonymous.merge(key, 1, Integer::sum);
        if (seen > 1) {
          key += "\n#" + seen;
        }
      }
    }
    return Sha256.hex(key);
  }

  private static String canonical(ParsedEntry e) {
    return e.link() == null ? null : LinkCanonicalizer.canonical(e.link());
  }

  private record Verbatim(String guid, String link, String title, Instant published, String content, String summary) {}

  private static List<ParsedEntry> distinct(List<ParsedEntry> entries, Map<ParsedEntry, String> links) {
    Set<Verbatim> seen = new HashSet<>();
    List<ParsedEntry> out = new ArrayList<>(entries.size());
    for (ParsedEntry e : entries) {
      if (seen.add(new Verbatim(e.guid(), links.get(e), e.title(), e.published(), e.contentHtml(), e.summaryHtml()))) {
        out.add(e);
      }
    }
    return out;
  }

  /** How many of the entries have each value of {@code part} (null values are not counted). */
  private static Map<String, Integer> counts(List<ParsedEntry> entries, Function<ParsedEntry, String> part) {
    Map<String, Integer> seen = new HashMap<>();
    for (ParsedEntry e : entries) {
      String value = part.apply(e);
      if (value != null) {
        seen.merge(value, 1, Integer::sum);
      }
    }
    return seen;
  }
}
