package dev.syndic.ingest;

import dev.syndic.source.FetchRecord;
import dev.syndic.source.ScheduleUpdate;
import dev.syndic.source.Source;
import dev.syndic.source.SourceSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the scheduler's finished polls in batches: poller threads hand their completions over
 * and go on polling, and one writer thread stores whatever has accumulated, up to {@link #BATCH}
 * polls in one transaction of three statements ({@link SourceSchedule#completeAll}). While one
 * batch is written the next one gathers, so the batches grow with the polling rate and an idle
 * poller's completion is written at once.
 *
 * <p>A source stays claimed until its completion is written, so no instance polls it again in
 * between (should the lease run out first, the late write leaves the newer claim alone).
 * Completions not written when the process dies are lost with it: their sources are
 * polled again when their claims' leases run out, and entries were stored by the poll itself.
 */
@Singleton
public class PollRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(PollRecorder.class);
  static final int BATCH = 500;
  /** Completions queued at most; a poller thread waits for room beyond (the database is behind). */
  static final int MAX_PENDING = 10 * BATCH;

  private final SourceSchedule schedule;
  private final Object writing = new Object();
  private final List<SourceSchedule.Completion> pending = new ArrayList<>(); // guarded by this
  private final Thread writer;
  private boolean closed; // guarded by this

  PollRecorder(SourceSchedule schedule, MeterRegistry registry) {
    this.schedule = schedule;
    Gauge.builder("syndic.polls.unrecorded", this, PollRecorder::pending)
        .description("finished polls waiting to be recorded; grows when the database falls behind").register(registry);
    this.writer = new Thread(this::run, "poll-recorder");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues a completion; it is written shortly, with the others queued meanwhile. */
  public void record(SourceSchedule.Completion completion) {
    synchronized (this) {
      while (pending.size() >= MAX_PENDING && !closed) {
        try {
          wait(1_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
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

  private synchronized int pending() {
    return pending.size();
  }

  private synchronized List<SourceSchedule.Completion> take() {
    List<SourceSchedule.Completion> batch = new ArrayList<>(pending.subList(0, Math.min(BATCH, pending.size())));
    pending.subList(0, batch.size()).clear();
    notifyAll(); // room for pollers waiting in record()
    return batch;
  }

  /**
   * Writes a batch. When one of its rows breaks a constraint (its source was deleted meanwhile) or
   * holds a value PostgreSQL refuses, each completion is written alone, so that one does not cost
   * the others their records; any other failure (the database is away) drops the batch at once
   * rather than wait out a connection timeout per poll: those sources are polled again when their
   * claims expire.
   */
  void write(List<SourceSchedule.Completion> batch) {
    try {
      schedule.completeAll(batch);
    } catch (RuntimeException e) {
      if (batch.size() > 1 && refusedARow(e)) {
        for (SourceSchedule.Completion one : batch) {
          write(List.of(one));
        }
      } else if (refusedARow(e)) {
        writeRefused(batch.get(0), e);
      } else {
        LOG.warn("could not record {} finished polls ({}); their sources are polled again when their claims expire", batch.size(),
            e.getMessage());
      }
    }
  }

  /**
   * Records a poll whose result PostgreSQL refused as an error saying so, with nothing of the
   * result: the source backs off and shows why, instead of going unrecorded with its claim held.
   */
  private void writeRefused(SourceSchedule.Completion one, RuntimeException refusal) {
    String why = "Syndic could not store this poll's result: " + rootMessage(refusal);
    FetchRecord r = one.record();
    FetchRecord record = new FetchRecord(null, r.sourceId(), r.startedAt(), r.durationMs(), "error", r.httpStatus(), r.bytes(),
        r.entriesFound(), 0, 0, why, null);
    int errors = one.claimed().consecutiveErrors() + 1;
    try {
      schedule.completeAll(List.of(new SourceSchedule.Completion(record, one.claimed(), one.countSince(), recent -> {
        ScheduleUpdate u = one.update().apply(recent);
        return new ScheduleUpdate(u.polledAt(), u.nextPollAt(), Source.ERROR, null, errors, why, false, false, null, null, null, null, null,
            null, null);
      })));
    } catch (RuntimeException e) {
      LOG.warn("could not record the poll of source {} ({}); it is polled again when its claim expires", r.sourceId(), e.getMessage());
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  /**
   * A data exception, an integrity constraint violation or a value past one of PostgreSQL's limits
   * (SQLSTATE class 22, 23 or 54: an index row over 2,704 bytes, an array too large) somewhere in
   * the failure's causes: one row's values, which a batch without it would store. Class 54 sank
   * the whole batch of up to 500 poll records, at every poll of the source whose value it was.
   */
  static boolean refusedARow(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String state = t instanceof SQLException sql ? sql.getSQLState() : null;
      if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
        return true;
      }
    }
    return false;
  }
}
