package dev.syndic.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a benchmark's JVM spends its CPU: per thread name, the VM's own threads (the JIT
 * compilers, the garbage collector) included, read from {@code /proc} where there is one.
 */
final class JvmThreads {

  /** The name under which {@link #cpuByName} counts the JIT's compiler threads. */
  static final String JIT = "vm: jit";

  private JvmThreads() {}

  /** CPU nanoseconds used so far by the live threads, by name with numbers dropped. */
  static Map<String, Long> cpuByName() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new HashMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null) {
        long cpu = mx.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          out.merge(t.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
        }
      }
    }
    vmThreads(out);
    return out;
  }

  /** Clock ticks of {@code /proc}'s thread times, which Linux counts in hundredths of a second. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /**
   * Adds the CPU of the VM's own threads, which the management bean does not list: the compilers
   * as "vm: jit", the collector's threads as "vm: gc", the VM thread as "vm: other".
   */
  private static void vmThreads(Map<String, Long> out) {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(task -> {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          String group = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? JIT
              : comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "vm: gc"
              : comm.startsWith("VM ") ? "vm: other" : null;
          if (group != null) {
            String stat = Files.readString(task.resolve("stat"));
            // After the name in parentheses: fields 3 onwards; utime and stime are the 14th and 15th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            out.merge(group, ticks * NANOS_PER_TICK, Long::sum);
          }
        } catch (IOException | RuntimeException gone) {
          // The thread ended between the listing and the reading: its time is lost, as for the bean.
        }
      });
    } catch (IOException e) {
      // No thread listing: the VM's threads are left out.
    }
  }

  /** Milliseconds spent in garbage collection so far (pauses and concurrent work the JVM reports). */
  static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Milliseconds the JIT compilers have spent so far. */
  static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  /** Prints what the threads, the collector and the JIT used between two readings, per unit. */
  static void print(Map<String, Long> before, long gcBefore, long jitBefore, long units, String unit) {
    Map<String, Long> after = cpuByName();
    after.replaceAll((k, v) -> v - before.getOrDefault(k, 0L));
    System.out.printf("  gc %d ms, jit %d ms (compiler threads, wall) during the cycle%n", gcMillis() - gcBefore, jitMillis() - jitBefore);
    after.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
        .forEach(e -> System.out.printf("  threads %s: %.0f us per %s%n", e.getKey(), e.getValue() / 1e3 / units, unit));
  }
}
