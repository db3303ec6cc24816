package dev.syndic.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Points the default datasource at the embedded server before Micronaut validates and uses its
 * configuration, so no URL is needed in the configuration files; one that is given is refused.
 */
@Singleton
@Requires(property = "syndic.embedded-postgres.enabled", notEquals = "false")
final class EmbeddedDatasourceBinder implements BeanInitializedEventListener<DatasourceConfiguration> {

  private final Provider<EmbeddedDatabase> database;

  private final String configuredUrl;

  EmbeddedDatasourceBinder(Provider<EmbeddedDatabase> database, @Value("${datasources.default.url:}") String configuredUrl) {
    this.database = database;
    // Read from the settings, not the datasource's getUrl(), which refuses to answer without a URL.
    this.configuredUrl = configuredUrl;
  }

  @Override
  public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
    DatasourceConfiguration configuration = event.getBean();
    if ("default".equals(configuration.getName())) {
      refuseConfiguredUrl(configuredUrl);
      configuration.setUrl(database.get().jdbcUrl());
      configuration.setUsername("postgres");
      configuration.setPassword("");
    }
    return configuration;
  }

  /**
   * A URL given for the default datasource while the embedded server is on was overwritten here
   * without a word: an operator who set {@code DATASOURCES_DEFAULT_URL} and forgot {@code
   * SYNDIC_EMBEDDED_POSTGRES_ENABLED=false} ran on a local database of its own (each instance on
   * its own, none on the shared one). Its query is left out of the message: it may hold a password.
   */
  static void refuseConfiguredUrl(String url) {
    if (url != null && !url.isBlank()) {
      String shown = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
      throw new ConfigurationException("datasources.default.url is set (" + shown + ") while the embedded PostgreSQL is on, which would"
          + " be used instead: set syndic.embedded-postgres.enabled=false (SYNDIC_EMBEDDED_POSTGRES_ENABLED=false) to use that database,"
          + " or leave the URL unset to use the embedded one");
    }
  }
}
