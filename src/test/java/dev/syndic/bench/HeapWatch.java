package dev.syndic.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak of the used heap over a measured stretch, sampled every 10 ms from the {@code
 * MemoryMXBean} after a full GC at the start (so the peak is what the stretch added to what was
 * live, not garbage left before it). A sample can miss a peak shorter than 10 ms.
 */
final class HeapWatch {

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final Thread sampler;
  private volatile boolean running = true;
  /** The heap in use after the GC at the start: what was live before the stretch. */
  final long startUsed;
  volatile long peakUsed;

  HeapWatch() {
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    startUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    sampler = new Thread(() -> {
      while (running) {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakUsed = Math.max(peakUsed, used);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  void stop() throws InterruptedException {
    running = false;
    sampler.join();
  }
}
