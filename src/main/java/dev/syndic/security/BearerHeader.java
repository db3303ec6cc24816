package dev.syndic.security;

import io.micronaut.http.HttpRequest;

/**
 * What a request's {@code Authorization} header carries for the bearer scheme (RFC 6750): a token,
 * or why there is none to check. The admin and partner APIs read it alike and tell a client what
 * to change in the same words: Basic credentials ({@code curl -u}) and a bare {@code Bearer} were
 * answered as a wrong token, though none was sent.
 *
 * @param kind what the header holds
 * @param token the token after {@code Bearer}, stripped; empty unless {@code kind} is {@link Kind#TOKEN}
 */
public record BearerHeader(Kind kind, String token) {

  /** What an {@code Authorization} header holds. */
  public enum Kind {
    /** No header, or an empty one. */
    ABSENT,
    /** Another scheme's credentials, such as {@code Basic ...}. */
    OTHER_SCHEME,
    /** {@code Bearer} and nothing after it. */
    NO_TOKEN,
    /** {@code Bearer <token>}: a token to check. */
    TOKEN
  }

  /** The request's {@code Authorization} header, read; never null. */
  public static BearerHeader of(HttpRequest<?> request) {
    return of(request.getHeaders().getAuthorization().orElse(""));
  }

  /** {@code header} read; null or blank is {@link Kind#ABSENT}. */
  public static BearerHeader of(String header) {
    String h = header == null ? "" : header.strip();
    if (h.isEmpty()) {
      return new BearerHeader(Kind.ABSENT, "");
    }
    // "Bearer " with nothing after it arrives as "Bearer": HTTP drops a field's trailing blanks.
    boolean bearer = h.regionMatches(true, 0, "Bearer", 0, 6) && (h.length() == 6 || Character.isWhitespace(h.charAt(6)));
    if (!bearer) {
      return new BearerHeader(Kind.OTHER_SCHEME, "");
    }
    String token = h.substring(6).strip();
    return token.isEmpty() ? new BearerHeader(Kind.NO_TOKEN, "") : new BearerHeader(Kind.TOKEN, token);
  }

  /**
   * The detail of a 401 for this header: {@code absent} without one, {@code invalid} for a token
   * that is not in force, and for Basic credentials or {@code Bearer} alone what to send instead,
   * the secret named {@code what} ({@code token}, {@code key}).
   */
  public String refusal(String absent, String invalid, String what) {
    String send = "send 'Authorization: Bearer <" + what + ">'";
    return switch (kind) {
      case ABSENT -> absent;
      case OTHER_SCHEME -> "the Authorization header is not a bearer token: " + send;
      case NO_TOKEN -> "no " + what + " after 'Bearer': " + send;
      case TOKEN -> invalid;
    };
  }
}
