package dev.syndic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/** Where a benchmark's JVM spends its CPU: per thread name, in garbage collection and in the JIT. */
final class JvmThreads {

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
    return out;
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
    after.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
        .forEach(e -> System.out.printf("  threads %s: %.0f us per %s%n", e.getKey(), e.getValue() / 1e3 / units, unit));
  }
}
