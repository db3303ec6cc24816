package dev.syndic.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ReferenceCounted;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.body.JsonMessageHandler;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON request body as Micronaut's reader does, and refuses one with anything but
 * whitespace after its value: that reader stops at the end of the first value, so {@code
 * {"url": ...} xyz} or two objects one after the other were taken as the first alone, a body the
 * client did not mean applied in part. Jackson's check for this (FAIL_ON_TRAILING_TOKENS) belongs
 * to jackson-databind, which Micronaut Serialization does not use, so the rest of the body is
 * walked with Jackson's tokenizer once the value is read. A key given twice is refused by the
 * parser itself ({@code micronaut.serde.jackson.parser-features} in application.yml), and a
 * member that a {@link ClosedBody} does not have by {@link ClosedBody#check}.
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1) // asked before Micronaut's own JSON reader, which it wraps
@Consumes({MediaType.APPLICATION_JSON, WholeJsonBodyReader.MERGE_PATCH_JSON})
final class WholeJsonBodyReader<T> implements MessageBodyReader<T> {

  /** RFC 7396's type: the PATCH routes take their bodies, merge patches, under it as well. */
  static final String MERGE_PATCH_JSON = "application/merge-patch+json";

  private static final JsonFactory TOKENS = new JsonFactory();

  private final JsonMessageHandler<T> reader;
  private final JsonMapper json;

  WholeJsonBodyReader(JsonMapper json) {
    this.reader = new JsonMessageHandler<>(json);
    this.json = json;
  }

  @Override
  public boolean isReadable(Argument<T> type, MediaType mediaType) {
    return reader.isReadable(type, mediaType);
  }

  /**
   * Releases the buffer when it answers a value and leaves it to the caller when it throws, as
   * Micronaut's reader does: the server releases a request's body again after a refusal, and a
   * buffer released twice threw in the event loop once the 400 was written, which left the
   * keep-alive connection unread (the client's next request on it ended in "connection closed
   * before response").
   */
  @Override
  public T read(Argument<T> type, MediaType mediaType, Headers headers, ByteBuffer<?> body) throws CodecException {
    byte[] bytes = body.toByteArray();
    T value = reader.read(type, mediaType, headers, new ByteArrayInputStream(bytes));
    checkNothingAfterTheValue(bytes);
    checkMembers(type, value, bytes);
    if (body instanceof ReferenceCounted counted) {
      counted.release();
    }
    return value;
  }

  @Override
  public T read(Argument<T> type, MediaType mediaType, Headers headers, InputStream body) throws CodecException {
    byte[] bytes;
    try {
      bytes = body.readAllBytes();
    } catch (IOException e) {
      throw new CodecException("body: could not be read: " + e.getMessage(), e);
    }
    T value = reader.read(type, mediaType, headers, new ByteArrayInputStream(bytes));
    checkNothingAfterTheValue(bytes);
    checkMembers(type, value, bytes);
    return value;
  }

  /**
   * Refuses a member that a {@link ClosedBody} does not have, and a body that is JSON's {@code
   * null} where one is expected (it reached the routes as no object, and the member check or the
   * route failed on it with a 500); the bytes were read as that type already, so they are one JSON
   * value.
   */
  private void checkMembers(Argument<T> type, T value, byte[] bytes) {
    if (!ClosedBody.class.isAssignableFrom(type.getType())) {
      return;
    }
    if (value == null) {
      throw new CodecException("body: null, not a JSON object; send the JSON object this request takes");
    }
    try {
      ClosedBody.check(json.readValue(bytes, Argument.of(JsonNode.class)), type.getType());
    } catch (IOException e) {
      throw new CodecException("body: could not be read: " + e.getMessage(), e);
    }
  }

  /** Called once the value was read, so the value itself is well-formed and its errors were told as the reader words them. */
  private static void checkNothingAfterTheValue(byte[] bytes) {
    try (JsonParser tokens = TOKENS.createParser(bytes)) {
      if (tokens.nextToken() == null) {
        return;
      }
      tokens.skipChildren();
      if (tokens.nextToken() == null) {
        return;
      }
      throw more(tokens.currentTokenLocation());
    } catch (JsonProcessingException e) {
      throw more(e.getLocation());
    } catch (IOException e) {
      throw new CodecException("body: could not be read: " + e.getMessage(), e);
    }
  }

  private static CodecException more(JsonLocation at) {
    String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    return new CodecException("body: more after the JSON value" + where + "; send one JSON value, and nothing after it but whitespace");
  }
}
