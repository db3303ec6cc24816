package dev.syndic.ingest;

import jakarta.inject.Singleton;
import java.util.UUID;

/** Names this instance in the claims it takes, so admins can see who polls what. */
@Singleton
public final class InstanceId {

  private final String id = hostName() + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);

  public String id() {
    return id;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }
}
