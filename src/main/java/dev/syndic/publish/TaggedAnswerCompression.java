package dev.syndic.publish;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.HttpCompressionStrategy;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import jakarta.inject.Singleton;

/**
 * The server's compression, except for an answer that carries a strong ETag: such a tag names
 * exactly the bytes sent (RFC 9110 §8.8.3), so the route that gave it has chosen their coding (the
 * feeds send gzip themselves, under a tag of its own, see {@link FeedResponses}). The server
 * compressed those answers again for any coding the client named (deflate, snappy for {@code *},
 * br) and kept the tag, so two codings shared one strong tag. Other answers (the API's JSON, the
 * home page, OPML) are compressed as before.
 */
@Singleton
final class TaggedAnswerCompression implements BeanCreatedEventListener<HttpCompressionStrategy> {

  @Override
  public HttpCompressionStrategy onCreated(BeanCreatedEvent<HttpCompressionStrategy> event) {
    HttpCompressionStrategy server = event.getBean();
    return new HttpCompressionStrategy() {
      @Override
      public boolean isEnabled() {
        return server.isEnabled();
      }

      @Override
      public boolean shouldCompress(HttpResponse response) {
        String etag = response.headers().get(HttpHeaderNames.ETAG);
        return (etag == null || etag.startsWith("W/")) && server.shouldCompress(response);
      }

      @Override
      public int getCompressionLevel() {
        return server.getCompressionLevel();
      }

      @Override
      public int getMaxZstdEncodeSize() {
        return server.getMaxZstdEncodeSize();
      }
    };
  }
}
