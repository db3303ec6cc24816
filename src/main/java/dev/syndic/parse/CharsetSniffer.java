package dev.syndic.parse;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a feed's bytes are encoded: byte order mark, then the HTTP charset, then the XML
 * prolog (which goes before a Latin-1 HTTP charset, the default many servers add), then detection.
 * Bytes that are valid UTF-8 with non-ASCII text are read as UTF-8 whatever the labels say
 * (mislabelled UTF-8 is far more common than Latin-1 text that happens to be valid UTF-8); a label
 * that the bytes contradict is passed over for the next one, and finally for detection.
 *
 * <p>A few stray bytes do not contradict a label. Bytes a label calls UTF-8 that UTF-8 reads but
 * for a few sequences are read as UTF-8, before the other labels are tried; failing every label,
 * one naming another multi-byte charset (GB18030, Big5...) that reads all but a few of them is
 * used. Each stray becomes U+FFFD and the repair is recorded. One Windows-1252 apostrophe pasted
 * into a UTF-8 page otherwise sent the page to detection, which read every Chinese character as
 * three Latin ones.
 */
public final class CharsetSniffer {

  /**
   * The text, the charset it was decoded with, and what was repaired on the way (empty when the
   * bytes decoded cleanly).
   */
  record Decoded(String text, String charset, List<String> repairs) {
    Decoded {
      repairs = List.copyOf(repairs);
    }

    Decoded(String text, String charset) {
      this(text, charset, List.of());
    }
  }

  // Searched for, not anchored: a prolog after junk (a PHP warning) still names the charset.
  private static final Pattern PROLOG_ENCODING =
      Pattern.compile("<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
  private static final int PROLOG_WINDOW = 1024;
  private static final Set<String> CJK = Set.of("GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR");
  private static final int CJK_CONFIDENCE = 50;
  private static final int DETECTION_WINDOW = 64 * 1024;
  // Quoted with either mark: servers write charset='gbk' too, which was no label at all.
  private static final Pattern HTTP_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");

  private CharsetSniffer() {}

  static Decoded decode(byte[] bytes, String contentType) {
    Decoded bom = fromByteOrderMark(bytes);
    if (bom != null) {
      return bom;
    }
    String head = new String(bytes, 0, Math.min(bytes.length, PROLOG_WINDOW), StandardCharsets.ISO_8859_1);
    List<String> labels = labels(label(contentType, HTTP_CHARSET), label(head, PROLOG_ENCODING));
    boolean nonAscii = hasNonAscii(bytes);
    if (nonAscii) {
      // Decoded once: the JDK writes U+FFFD for each byte sequence that is not UTF-8, so a text
      // without one is the bytes read in full; only one with it (a feed may hold U+FFFD itself) is
      // read again, strictly. A strict reading first, then the text, decoded every feed twice.
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') < 0 || decodes(bytes, StandardCharsets.UTF_8)) {
        return new Decoded(text, "UTF-8");
      }
    }
    // Before the other labels: GB18030 and Windows-1252 read most UTF-8 bytes without an error.
    boolean saysUtf8 = labels.stream().anyMatch(label -> StandardCharsets.UTF_8.equals(usable(label)));
    StrayBytes utf8 = nonAscii && saysUtf8 ? StrayBytes.read(bytes, StandardCharsets.UTF_8) : null;
    if (utf8 != null && utf8.few()) {
      return utf8.decoded();
    }
    for (String label : labels) {
      Charset charset = usable(label);
      if (charset != null && (!nonAscii || decodes(bytes, charset))) {
        Charset cjk = nonAscii && isLatin1(label) ? cjkDetected(bytes) : null;
        return cjk != null ? new Decoded(new String(bytes, cjk), cjk.name()) : new Decoded(new String(bytes, charset), charset.name());
      }
    }
    if (!nonAscii) {
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8");
    }
    Decoded withStrays = withStrays(bytes, labels, utf8);
    if (withStrays != null) {
      return withStrays;
    }
    Charset charset = detect(bytes, labels.isEmpty() ? null : labels.get(0));
    return new Decoded(new String(bytes, charset), charset.name());
  }

  /**
   * The labels to try, best first: the HTTP charset, then the prolog's. A Latin-1 HTTP charset
   * goes last when the prolog names another one, because many servers add it to every text
   * response whatever the file holds, while the prolog was written with the file.
   */
  private static List<String> labels(String http, String prolog) {
    List<String> labels = new ArrayList<>(2);
    boolean weakHttp = http != null && prolog != null && isLatin1(http) && !isLatin1(prolog);
    if (http != null && !weakHttp) {
      labels.add(http);
    }
    if (prolog != null) {
      labels.add(prolog);
    }
    if (weakHttp) {
      labels.add(http);
    }
    return labels;
  }

  private static boolean isLatin1(String label) {
    Charset charset = supported(label);
    return charset != null && charset.name().equals("windows-1252");
  }

  /**
   * The charset of a label, unless it names UTF-16 or UTF-32: bytes that reach the labels have no
   * byte order mark and do not start with a UTF-16 "<", so such a label is wrong.
   */
  private static Charset usable(String label) {
    Charset charset = supported(label);
    if (charset == null || charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
      return null;
    }
    return charset;
  }

  /**
   * The bytes in the first labelled multi-byte charset other than UTF-8 that reads them but for a
   * few stray sequences (a GBK character cut in half), or null. Only multi-byte charsets: bytes of
   * another encoding break their sequences everywhere, while a single-byte charset reads nearly
   * anything. Not when UTF-8 reads the bytes as well: GB18030 takes most pairs of bytes, UTF-8 text
   * among them.
   */
  private static Decoded withStrays(byte[] bytes, List<String> labels, StrayBytes utf8) {
    for (String label : labels) {
      Charset charset = usable(label);
      if (charset == null || charset.equals(StandardCharsets.UTF_8) || !multiByte(charset)) {
        continue;
      }
      StrayBytes read = StrayBytes.read(bytes, charset);
      if (read.few()) {
        utf8 = utf8 == null ? StrayBytes.read(bytes, StandardCharsets.UTF_8) : utf8;
        return utf8.few() ? null : read.decoded();
      }
    }
    return null;
  }

  /** Whether the charset writes some characters with more than one byte (decode-only ones say nothing). */
  private static boolean multiByte(Charset charset) {
    return charset.canEncode() && charset.newEncoder().maxBytesPerChar() > 1;
  }

  private static Decoded fromByteOrderMark(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      byte[] rest = Arrays.copyOfRange(b, 3, b.length);
      // The mark settles the charset, however many strays follow; they are only counted.
      return decodes(rest, StandardCharsets.UTF_8)
          ? new Decoded(new String(rest, StandardCharsets.UTF_8), "UTF-8")
          : StrayBytes.read(rest, StandardCharsets.UTF_8).decoded();
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
    }
    // "<" in UTF-16 without a mark: no ASCII-compatible document has a NUL next to its first "<"
    if (b.length >= 4 && b[0] == 0 && b[1] == '<' && b[2] == 0) {
      return new Decoded(new String(b, StandardCharsets.UTF_16BE), "UTF-16BE");
    }
    if (b.length >= 4 && b[0] == '<' && b[1] == 0 && b[3] == 0) {
      return new Decoded(new String(b, StandardCharsets.UTF_16LE), "UTF-16LE");
    }
    return null;
  }

  private static String label(String text, Pattern pattern) {
    if (text == null) {
      return null;
    }
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /**
   * The charset to decode a label with: GB2312 and GBK as their superset GB18030, and so on; null
   * for a label Java has no charset for. Also what an OPML import reads a declared encoding with.
   */
  public static Charset supported(String label) {
    if (label == null) {
      return null;
    }
    String name = label.trim().toLowerCase(Locale.ROOT);
    name = switch (name) {
      case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "gb_2312-80", "csgb2312" -> "GB18030";
      case "big5", "x-x-big5", "cn-big5", "csbig5" -> "Big5-HKSCS";
      case "iso-8859-1", "latin1", "us-ascii", "ascii" -> "windows-1252";
      case "utf-16" -> "UTF-16";
      default -> name;
    };
    try {
      return Charset.isSupported(name) ? Charset.forName(name) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Charset detect(byte[] bytes, String declared) {
    CharsetDetector detector = new CharsetDetector();
    if (declared != null) {
      detector.setDeclaredEncoding(declared);
    }
    detector.setText(bytes);
    CharsetMatch match = detector.detect();
    Charset charset = match == null ? null : supported(match.getName());
    return charset == null ? StandardCharsets.UTF_8 : charset;
  }

  /**
   * The East Asian multi-byte charset detection is sure of for these bytes and that reads them
   * all, or null. Windows-1252 reads nearly any bytes, so a GBK or Big5 feed that a server labels
   * ISO-8859-1 (the default of many, with no charset in the prolog) decoded without an error, as
   * mojibake ("¿Æ¼¼ÐÂÎÅ" for "科技新闻"). Detection tells them apart from Latin text, which never
   * scores high as one of these; tags are left out, and the first 64 KiB are enough.
   */
  private static Charset cjkDetected(byte[] bytes) {
    CharsetDetector detector = new CharsetDetector();
    detector.enableInputFilter(true);
    detector.setText(bytes.length > DETECTION_WINDOW ? Arrays.copyOf(bytes, DETECTION_WINDOW) : bytes);
    CharsetMatch match = detector.detect();
    if (match == null || match.getConfidence() < CJK_CONFIDENCE || !CJK.contains(match.getName())) {
      return null;
    }
    Charset charset = supported(match.getName());
    return charset != null && decodes(bytes, charset) ? charset : null;
  }

  private static boolean hasNonAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean decodes(byte[] bytes, Charset charset) {
    try {
      charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
