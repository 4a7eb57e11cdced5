package io.buyersignals.bench;

import io.buyersignals.job.BuyerSignalsTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of this JVM by kind of thread: Flink names a task's thread after its chain, so the difference between
 * two snapshots says which task, client or pool spent the time. Threads the JVM does not show (garbage collection,
 * the JIT compiler, RocksDB's background threads) are read from Linux's /proc under their native names; what no
 * thread accounts for (threads that ended, clock-tick rounding) is the process time left over.
 */
final class ThreadCpu {
    static final String OTHER = "unaccounted";
    /** In a snapshot: the whole process's CPU time, of which the threads are parts. */
    private static final String PROCESS = "(process)";
    /** The benchmark's own threads start with this: their time is not the job's. */
    static final String HARNESS = "bench-";

    private static final String ROCKSDB = "native: rocksdb";

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux reports thread times in clock ticks of 10 ms (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Subtask index and attempt, a Kafka client's id, a pool member's number: one group for all of them. */
    private static final Pattern INSTANCE = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$| \\| .*$|[-#]?\\d+$");

    private ThreadCpu() {}

    /** Nanoseconds of CPU per thread group, and of the whole process. */
    static Map<String, Long> snapshot() {
        Map<String, Long> groups = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        java.lang.management.ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        List<String> javaNames = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] > 0) {
                javaNames.add(infos[i].getThreadName());
                groups.merge(group(infos[i].getThreadName()), cpu[i], Long::sum);
            }
        }
        nativeThreads(javaNames, groups);
        groups.put(PROCESS, (long) (BenchCluster.cpuSeconds() * 1e9));
        return groups;
    }

    /** Linux truncates a thread's name to 15 bytes: one that starts a Java thread's name is that Java thread. */
    private static void nativeThreads(List<String> javaNames, Map<String, Long> groups) {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (javaNames.stream().noneMatch(java -> java.startsWith(name))) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields =
                                stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // utime and stime: fields 14 and 15 of stat, counted from the state after the name.
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        groups.merge("native: " + group(name), ticks * NANOS_PER_TICK, Long::sum);
                    }
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException notLinux) {
            // elsewhere the native threads stay in the process time left over
        }
    }

    /** "Buyer timeline (2/2)#0" and "kafka-producer-network-thread | producer-7" lose their instance parts. */
    static String group(String threadName) {
        String name = threadName;
        String shorter = INSTANCE.matcher(name).replaceAll("");
        while (!shorter.equals(name)) {
            name = shorter;
            shorter = INSTANCE.matcher(name).replaceAll("");
        }
        return name.length() > 70 ? name.substring(0, 70) + "…" : name;
    }

    /**
     * Microseconds of CPU per event between two snapshots, largest first; threads that ended in between are lost,
     * threads that started count from zero. The process total minus all threads is {@link #OTHER}.
     */
    static Map<String, Double> microsPerEvent(Map<String, Long> first, Map<String, Long> last, long events) {
        Map<String, Double> perEvent = new HashMap<>();
        long threads = 0;
        for (Map.Entry<String, Long> group : last.entrySet()) {
            if (!group.getKey().equals(PROCESS)) {
                long nanos = group.getValue() - first.getOrDefault(group.getKey(), 0L);
                threads += Math.max(0, nanos);
                perEvent.put(group.getKey(), nanos / 1e3 / events);
            }
        }
        perEvent.put(OTHER, (last.get(PROCESS) - first.get(PROCESS) - threads) / 1e3 / events);
        Map<String, Double> sorted = new LinkedHashMap<>();
        perEvent.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The process's CPU time in a snapshot, in seconds. */
    static double processSeconds(Map<String, Long> snapshot) {
        return snapshot.get(PROCESS) / 1e9;
    }

    /**
     * Microseconds per event of the keyed state: the buyer timeline's threads, which read and write it, and RocksDB's
     * own flush and compaction threads. What a larger state can make dearer, apart from what the outputs cost.
     */
    static double state(Map<String, Double> perEvent) {
        return perEvent.entrySet().stream()
                .filter(e -> e.getKey().equals(BuyerSignalsTopology.TIMELINE_NAME)
                        || e.getKey().startsWith(ROCKSDB))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** Microseconds per event of the benchmark's own threads. */
    static double harness(Map<String, Double> perEvent) {
        return perEvent.entrySet().stream()
                .filter(e -> e.getKey().startsWith(HARNESS))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    /** "total 97.1: Buyer timeline 40.2; …; other threads 3.5": the groups of at least 1 µs, then the rest summed. */
    static String describe(Map<String, Double> perEvent) {
        double total =
                perEvent.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder text =
                new StringBuilder("total ").append(BenchResults.number(total)).append(':');
        double rest = 0;
        for (Map.Entry<String, Double> group : perEvent.entrySet()) {
            if (group.getValue() >= 1) {
                text.append(' ')
                        .append(group.getKey())
                        .append(' ')
                        .append(BenchResults.number(group.getValue()))
                        .append(';');
            } else {
                rest += group.getValue();
            }
        }
        return text.append(" other threads ").append(BenchResults.number(rest)).toString();
    }
}
