package dev.syndic.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 for what an HTTP server library will not do: it reads each request's
 * head and then lets the test's {@link Behaviour} write whatever bytes (or resets) it likes.
 */
final class RawSocketServer implements AutoCloseable {

  /** What to do with a connection once the request head has been read. */
  interface Behaviour {
    void serve(Socket socket) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger connections = new AtomicInteger();

  RawSocketServer(Behaviour behaviour) {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket client = socket.accept();
                  connections.incrementAndGet();
                  Thread worker = new Thread(() -> handle(client, behaviour), "raw-socket-connection");
                  worker.setDaemon(true);
                  worker.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "raw-socket-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void handle(Socket client, Behaviour behaviour) {
    try (client) {
      readHead(client.getInputStream());
      behaviour.serve(client);
    } catch (IOException e) {
      // the client gave up, as the tests expect it to
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      byte[] h = head.toByteArray();
      int n = h.length;
      if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
        return;
      }
    }
  }

  /** Resets the connection (RST, not FIN) without answering. */
  static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
