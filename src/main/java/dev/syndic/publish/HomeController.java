package dev.syndic.publish;

import dev.syndic.category.Category;
import dev.syndic.config.SiteConfig;
import dev.syndic.entry.EntryFilter;
import dev.syndic.entry.EntryQueries;
import dev.syndic.entry.EntryRow;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * {@code GET /}: a page for people: the categories, their feeds in every format, recent entries.
 * Every link to a feed is under the configured public URL, as the feeds' own self links are: a
 * site served under a path ({@code syndic.site.base-url} {@code https://example.com/news}) has its
 * feeds there, not at the host's root.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class HomeController {

  private static final int RECENT = 30;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private final FeedService feeds;
  private final EntryQueries entries;
  private final SiteConfig site;

  HomeController(FeedService feeds, EntryQueries entries, SiteConfig site) {
    this.feeds = feeds;
    this.entries = entries;
    this.site = site;
  }

  @Get(value = "/", produces = "text/html; charset=utf-8")
  HttpResponse<String> home(HttpRequest<?> request) {
    String base = PublicUrl.base(site, request);
    // Links a person follows: under the configured public URL, else from the root of the host the
    // browser asked (a proxy's https stays https).
    String links = site.baseUrl().isBlank() ? "" : base;
    List<String[]> channels = new ArrayList<>();
    channels.add(new String[] {"all", "全部 / All", "Every category"});
    for (Category c : feeds.categories()) {
      channels.add(new String[] {c.slug(), c.nameZh() + " / " + c.nameEn(), c.description()});
    }
    StringBuilder h = new StringBuilder(16 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"").append(esc(site.language())).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(site.name()))
        .append(" · feeds</title>\n");
    for (String[] ch : channels) {
      for (FeedFormat f : FeedFormat.values()) {
        h.append("<link rel=\"alternate\" type=\"").append(f.mediaType()).append("\" title=\"").append(esc(site.name() + " · " + ch[1] + " (" + f.label + ")"))
            .append("\" href=\"").append(esc(base + "/feeds/" + ch[0] + "." + f.extension)).append("\">\n");
      }
    }
    h.append("<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
        .append("table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}")
        // A format's name on one line: the narrow column wrapped "Atom 1.0" and "JSON Feed 1.1" inside the link.
        .append(".subscribe a{white-space:nowrap}li{margin:.4rem 0}small{color:#666}</style>\n</head>\n<body>\n<h1>")
        .append(esc(site.name())).append("</h1>\n")
        .append("<p>Curated category feeds. Subscribe in any feed reader; <a href=\"").append(esc(links + "/feeds.opml"))
        .append("\">OPML of every feed</a>.</p>\n")
        .append("<h2>Categories / 分类</h2>\n<table>\n<tr><th>Category</th><th>Subscribe</th></tr>\n");
    for (String[] ch : channels) {
      h.append("<tr><td><strong>").append(esc(ch[1])).append("</strong><br><small>").append(esc(ch[2]))
          .append("</small></td><td class=\"subscribe\">");
      for (FeedFormat f : FeedFormat.values()) {
        h.append("<a href=\"").append(esc(links + "/feeds/" + ch[0] + "." + f.extension)).append("\">").append(f.label).append("</a> ");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n<h2>Recent / 最新</h2>\n<ul>\n");
    for (EntryRow e : entries.list(new EntryFilter(null, null, null, RECENT, false, true))) {
      String link = Item.link(e);
      h.append("<li>");
      if (link != null) {
        h.append("<a href=\"").append(esc(link)).append("\">").append(esc(Item.shownTitle(e))).append("</a>");
      } else {
        h.append(esc(Item.shownTitle(e)));
      }
      h.append("<br><small>").append(esc(Item.sourceName(e))).append(" · ")
          .append(DAY.format(Item.published(e).atOffset(ZoneOffset.UTC)));
      for (EntryRow.AssignedCategory c : e.categories()) {
        h.append(" · ").append(esc(c.slug()));
      }
      h.append("</small></li>\n");
    }
    h.append("</ul>\n</body>\n</html>\n");
    return HttpResponse.ok(h.toString()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
  }

  private static String esc(String s) {
    return s == null ? "" : Entities.escape(s);
  }
}
