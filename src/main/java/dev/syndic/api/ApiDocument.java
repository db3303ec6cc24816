package dev.syndic.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The head of the OpenAPI document that micronaut-openapi writes at build time to
 * {@code META-INF/swagger/syndic-1.yml} from the controllers, served at {@code GET /openapi.yml}.
 * Every admin controller declares the bearer scheme {@code admin}; the partner API declares its
 * key, as a bearer token ({@code partner}) or as {@code ?key=} ({@code partnerKey}); public routes
 * declare none.
 */
@OpenAPIDefinition(
    info = @Info(
        title = "syndic",
        version = "1",
        description = "Syndic: feed aggregator and syndication server. Admin routes under /api/v1 need "
            + "'Authorization: Bearer <admin token>'; partner routes under /partner/v1 a partner key, as "
            + "'Authorization: Bearer <key>' or ?key=<key>; errors are application/problem+json (RFC 9457).",
        license = @License(name = "see the repository")))
@SecurityScheme(name = "admin", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "an admin token")
@SecurityScheme(name = "partner", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "a partner key")
@SecurityScheme(name = "partnerKey", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.QUERY, paramName = "key",
    description = "a partner key as a query parameter, for feed readers that cannot send a header")
final class ApiDocument {

  private ApiDocument() {}
}
