package dev.syndic.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an admin can get in: the configured token is accepted, and a value configured before
 * it revoked, as is the token generated at a first start without one; with none configured and
 * none stored, a token is generated, stored hashed and printed once on standard output. A
 * configured value revoked before stays revoked, and the start says so (WARN).
 */
@Singleton
final class AdminTokenBootstrap implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(AdminTokenBootstrap.class);

  /** The name the configured token is stored under, whatever its value. */
  static final String CONFIGURED = "configured (syndic.admin.token)";

  /** The name of the token generated at a first start without a configured one. */
  static final String GENERATED = "generated on first start";

  private final AdminConfig config;
  private final AdminTokens tokens;

  AdminTokenBootstrap(AdminConfig config, AdminTokens tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    // A secret file or a Kubernetes secret often ends in a newline: stored with it, the token could
    // never match, as a header's value comes without it (AdminAuthFilter strips what it reads).
    String configured = config.token().strip();
    if (!configured.isEmpty()) {
      if (!tokens.add(CONFIGURED, configured) && !tokens.accepts(configured)) {
        // Revoked before (through the API, or retired by a later value): it stays revoked, and
        // without this line the operator learns it only from a 401.
        LOG.warn("admin tokens: the configured syndic.admin.token was revoked and stays revoked, so it opens nothing; configure"
            + " a new value (tokens in force still work)");
      }
      // A new value is a rotation: the value configured before (perhaps leaked) must stop working,
      // not stay in force beside it until someone finds it in the token list.
      int retired = tokens.retireOthers(CONFIGURED, configured);
      if (retired > 0) {
        LOG.info("admin tokens: {} earlier value(s) of syndic.admin.token revoked; the configured one is in force", retired);
      }
      // So is the token printed at a first start without one: it sits in whatever kept that
      // start's output (a container's log), and an operator who configures a token means it alone.
      if (tokens.retireOthers(GENERATED, configured) > 0) {
        LOG.info("admin tokens: the token generated at the first start is revoked; syndic.admin.token is in force");
      }
      return;
    }
    if (!tokens.anyActive()) {
      String secret = TokenHash.newSecret("syn_admin_");
      tokens.add(GENERATED, secret);
      System.out.println();
      System.out.println("=================================================================");
      System.out.println(" Syndic admin token (shown once, stored only as a hash):");
      System.out.println("   " + secret);
      System.out.println(" Use it as: Authorization: Bearer <token>");
      System.out.println("=================================================================");
      System.out.println();
    }
  }
}
