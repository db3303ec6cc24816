package dev.syndic.ingest;

import dev.syndic.source.SourceSchedule;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the scheduler's finished polls in batches: poller threads hand their completions over
 * and go on polling, and one writer thread stores whatever has accumulated, up to {@link #BATCH}
 * polls in one transaction of four statements ({@link SourceSchedule#completeAll}). While one
 * batch is written the next one gathers, so the batches grow with the polling rate and an idle
 * poller's completion is written at once.
 *
 * <p>A source stays claimed until its completion is written, so no instance polls it again in
 * between. Completions not written when the process dies are lost with it: their sources are
 * polled again when their claims' leases run out, and entries were stored by the poll itself.
 */
@Singleton
public class PollRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(PollRecorder.class);
  static final int BATCH = 500;

  private final SourceSchedule schedule;
  private final Object writing = new Object();
  private final List<SourceSchedule.Completion> pending = new ArrayList<>(); // guarded by this
  private final Thread writer;
  private boolean closed; // guarded by this

  PollRecorder(SourceSchedule schedule) {
    this.schedule = schedule;
    this.writer = new Thread(this::run, "poll-recorder");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a completion; it is written shortly, with the others queued meanwhile. */
  public void record(SourceSchedule.Completion completion) {
    synchronized (this) {
      pending.add(completion);
      notifyAll();
    }
  }

  /** Writes every completion queued before this call; returns when they are written (or failed). */
  public void flush() {
    synchronized (writing) {
      List<SourceSchedule.Completion> batch;
      while (!(batch = take()).isEmpty()) {
        write(batch);
      }
    }
  }

  /** Stops the writer after writing what is queued. */
  @PreDestroy
  void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }

  private void run() {
    while (true) {
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
      try {
        flush();
      } catch (RuntimeException | Error e) {
        // Never die quietly: every later poll would go unrecorded and keep its claim.
        LOG.error("recording finished polls failed; the recorder goes on", e);
      }
    }
  }

  private synchronized List<SourceSchedule.Completion> take() {
    List<SourceSchedule.Completion> batch = new ArrayList<>(pending.subList(0, Math.min(BATCH, pending.size())));
    pending.subList(0, batch.size()).clear();
    return batch;
  }

  /**
   * Writes a batch; when that fails, each completion alone, so one that cannot be stored (its
   * source was deleted meanwhile) does not cost the others their records.
   */
  void write(List<SourceSchedule.Completion> batch) {
    try {
      schedule.completeAll(batch);
      return;
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        LOG.warn("could not record the poll of source {} ({}); it is polled again when its claim expires", batch.get(0).record().sourceId(),
            e.getMessage());
        return;
      }
    }
    for (SourceSchedule.Completion one : batch) {
      write(List.of(one));
    }
  }
}
