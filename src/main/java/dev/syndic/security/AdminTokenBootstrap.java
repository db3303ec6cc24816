package dev.syndic.security;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Makes sure an admin can get in: the configured token is accepted; with none configured and
 * none stored, a token is generated, stored hashed and printed once on standard output.
 */
@Singleton
final class AdminTokenBootstrap implements ApplicationEventListener<StartupEvent> {

  private final AdminConfig config;
  private final AdminTokens tokens;

  AdminTokenBootstrap(AdminConfig config, AdminTokens tokens) {
    this.config = config;
    this.tokens = tokens;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (!config.token().isBlank()) {
      tokens.add("configured (syndic.admin.token)", config.token());
      return;
    }
    if (!tokens.anyActive()) {
      String secret = TokenHash.newSecret("syn_admin_");
      tokens.add("generated on first start", secret);
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
