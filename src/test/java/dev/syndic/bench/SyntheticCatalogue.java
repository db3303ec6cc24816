package dev.syndic.bench;

import dev.syndic.catalogue.OpmlWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Subscriptions as an operator's OPML file holds them, generated: in folders named after the
 * shipped categories (one by its slug, the next by its Chinese name, the next by its English name,
 * as other readers' exports name them), a tenth at the top level and a twentieth in a folder no
 * category has; Chinese, English and untitled feeds (a title with an {@code &} among them) at four
 * shapes of address over a thousand hosts, most with a site; 3 % paused and 1 % disabled in
 * Syndic's namespace, as a Syndic export marks them. Of the others, 8 % have been failing for 1
 * to 10 polls, and the rest were polled fine with their last new entry 0 to 59 days ago: what a
 * history of polls leaves on the rows, which an import does not carry and {@link SourceCopy#markPolled}
 * writes.
 *
 * <p>Subscription {@code i} is a pure function of {@code i}: the benchmark holds none of them while
 * Syndic imports the file, and the references store the very same rows. Every address is under
 * {@code .test}, a name that never resolves, and polling is off: nothing is fetched.
 */
final class SyntheticCatalogue {

  /** A category as the file names its folder, and the slug an import files it under (null: none). */
  record Folder(String name, String slug) {}

  /** Subscription {@code index}: what the file says of it and what polling left on it. */
  record Feed(int index, String url, String title, String site, Folder folder, boolean enabled, boolean paused, int errors, int quietDays) {}

  /** The folder no category is named by: its sources get none, and the import lists its name. */
  static final Folder UNKNOWN = new Folder("稍后阅读", null);
  /** Where a host's sources can be found by {@code q=}: {@code blog17.example.test}, some 25 of 100,000. */
  static final String SOME_HOST = "blog17.example.test";

  private static final String[] ZH = {"人工智能", "农业", "影视", "科技", "财经", "体育", "健康", "科学", "教育", "汽车"};
  private static final String[] EN = {"Machine", "Harvest", "Screen", "Circuit", "Market", "League", "Clinic", "Lab", "Campus", "Motor"};

  private final int size;
  private final List<Folder> folders;

  /** {@code size} subscriptions over the folders of {@code categories}: slug, Chinese and English names of each. */
  SyntheticCatalogue(int size, List<String[]> categories) {
    this.size = size;
    List<Folder> named = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      String[] names = categories.get(c);
      named.add(new Folder(names[c % 3], names[0]));
    }
    this.folders = List.copyOf(named);
  }

  private SyntheticCatalogue(List<Folder> folders, int size) {
    this.size = size;
    this.folders = folders;
  }

  /** The first {@code count} subscriptions of this catalogue, the same ones. */
  SyntheticCatalogue first(int count) {
    return new SyntheticCatalogue(folders, Math.min(count, size));
  }

  int size() {
    return size;
  }

  /** Subscription {@code i}, 0 to {@link #size()} - 1. */
  Feed feed(int i) {
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + i);
    int host = random.nextInt(1000);
    String url = switch (i % 4) {
      case 0 -> "https://www" + host + ".example.test/feed/" + i + ".xml";
      case 1 -> "https://blog" + host + ".example.test/" + i + "/rss";
      case 2 -> "http://news" + host + ".example.test/rss.php?channel=" + i + "&format=rss2";
      default -> "https://" + host + ".feeds.example.test/atom/" + i;
    };
    int kind = random.nextInt(10);
    String title = kind == 0 ? null
        : kind % 2 == 1 ? ZH[random.nextInt(ZH.length)] + "日报 第" + i + "号"
        : "The " + EN[random.nextInt(EN.length)] + (kind == 2 ? " News & Views " : " Daily ") + i;
    String site = random.nextInt(5) == 0 ? null : "https://www" + host + ".example.test/";
    int place = random.nextInt(100);
    Folder folder = place < 10 ? null : place < 15 ? UNKNOWN : folders.get(random.nextInt(folders.size()));
    int state = random.nextInt(100);
    boolean paused = state < 3;
    boolean enabled = state != 3;
    int errors = state >= 4 && state < 12 ? 1 + random.nextInt(10) : 0;
    return new Feed(i, url, title, site, folder, enabled, paused, errors, random.nextInt(60));
  }

  /**
   * Writes the file: the subscriptions without a folder first, then each folder in turn, each
   * outline as another reader writes one ({@code type}, {@code text}, {@code title}, {@code
   * xmlUrl}, {@code htmlUrl}) with Syndic's attributes where the state is not the default.
   */
  void write(Path file) throws IOException {
    List<Folder> order = new ArrayList<>();
    order.add(null);
    order.add(UNKNOWN);
    order.addAll(folders);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("opml");
      xml.writeAttribute("version", "2.0");
      xml.writeNamespace("syndic", OpmlWriter.NS);
      xml.writeStartElement("head");
      xml.writeStartElement("title");
      xml.writeCharacters("Subscriptions");
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeStartElement("body");
      for (Folder folder : order) {
        if (folder != null) {
          xml.writeCharacters("\n");
          xml.writeStartElement("outline");
          xml.writeAttribute("text", folder.name());
        }
        for (int i = 0; i < size; i++) {
          Feed f = feed(i);
          if (Objects.equals(f.folder(), folder)) {
            outline(xml, f);
          }
        }
        if (folder != null) {
          xml.writeEndElement();
        }
      }
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("writing " + file, e);
    }
  }

  private static void outline(XMLStreamWriter xml, Feed f) throws XMLStreamException {
    xml.writeCharacters("\n");
    xml.writeEmptyElement("outline");
    xml.writeAttribute("type", "rss");
    xml.writeAttribute("text", f.title() == null ? f.url() : f.title());
    if (f.title() != null) {
      xml.writeAttribute("title", f.title());
    }
    xml.writeAttribute("xmlUrl", f.url());
    if (f.site() != null) {
      xml.writeAttribute("htmlUrl", f.site());
    }
    if (!f.enabled()) {
      xml.writeAttribute("syndic:enabled", "false");
    }
    if (f.paused()) {
      xml.writeAttribute("syndic:status", "paused");
    }
  }
}
