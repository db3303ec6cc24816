package dev.syndic.ops;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document generated at build time from the controllers. Public. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class OpenApiController {

  /** Where micronaut-openapi writes the document: {@code <title>-<version>.yml} of {@code ApiDocument}. */
  static final String RESOURCE = "classpath:META-INF/swagger/syndic-1.yml";

  private final byte[] document;

  OpenApiController(ResourceResolver resources) {
    this.document = resources.getResourceAsStream(RESOURCE).map(OpenApiController::read).orElse(null);
  }

  /** The OpenAPI 3 document of every route, with request and response schemas. */
  @Get(value = "/openapi.yml", produces = "application/yaml")
  HttpResponse<byte[]> openapi() {
    if (document == null) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "this build carries no OpenAPI document (" + RESOURCE + ")");
    }
    return HttpResponse.ok(document).header("Cache-Control", "public, max-age=300");
  }

  private static byte[] read(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
