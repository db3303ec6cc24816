package dev.syndic;

import io.micronaut.runtime.Micronaut;

/** Starts Syndic: the HTTP server, the embedded database unless disabled, and the poller. */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).banner(false).start();
  }
}
