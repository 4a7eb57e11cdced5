package io.buyersignals.bench;

import io.buyersignals.testkit.EmbeddedMariaDb;
import java.util.Map;
import java.util.TreeMap;

/**
 * The many-buyer run of the scaling target: the main input's number of events over many more buyers, with a RocksDB
 * budget small enough that the state outgrows the block cache, compared with the main run.
 */
final class ManyBuyersRun {
    /**
     * The many-buyer run's RocksDB memory per slot, a seventh of the job's default share of the benchmark's managed
     * memory (256 MB): 5,000,000 buyers' state at 1,000,000 events (145 MB) fits that default's block cache.
     */
    private static final String ROCKSDB_MEMORY = "32mb";
    /**
     * The many-buyer run's write buffers, as docs/operations.md advises for a slot with little RocksDB memory: with
     * Flink's 64 MB each new memtable takes an 8 MB arena block at once, and the two the buyer timeline writes exceed
     * the slot's write buffer limit (a third of 32 MB), so RocksDB flushed almost at every write (708 events/s).
     */
    private static final String WRITE_BUFFER = "4mb";
    /**
     * The many-buyer run's index and filter blocks, partitioned, as docs/operations.md advises when the state
     * outgrows the block cache: a lookup then loads a small partition of a file's index, not the whole index of a
     * file that holds a column family (the buyer timeline took 89.9 and 494 µs of CPU per input in two runs without,
     * 70 to 85 in three with).
     */
    private static final String PARTITIONED_INDEX = "true";
    /**
     * The many-buyer run's bloom filters, partitioned with the index: nearly every input is its buyer's first, a key
     * RocksDB does not hold, and a filter answers that without reading a data block from each of up to 19 level-0
     * files. The buyer timeline took 34 to 39 µs of CPU per input in three runs with both, against 70 to 85 with the
     * partitioned index alone (bloom filters without partitioning: 87).
     */
    private static final String BLOOM_FILTER = "true";

    private ManyBuyersRun() {}

    /**
     * The full job on the main input's number of events spread over many more buyers, with a RocksDB memory budget
     * small enough that the state outgrows the block cache.
     */
    static void measure(
            BenchOptions options,
            BenchRuns runs,
            EmbeddedMariaDb mariaDb,
            BenchResults results,
            BenchRuns.Throughput mainRun)
            throws Exception {
        BenchRuns.Input large =
                BenchMain.load(runs, mariaDb, "bench_large", options.events(), options.largeBuyers(), options);
        // Sorted, so that the results name the run's settings in a stable order.
        Map<String, String> smallMemory = new TreeMap<>(Map.of(
                "state.backend.rocksdb.memory.fixed-per-slot", ROCKSDB_MEMORY,
                "state.backend.rocksdb.writebuffer.size", WRITE_BUFFER,
                "state.backend.rocksdb.memory.partitioned-index-filters", PARTITIONED_INDEX,
                "state.backend.rocksdb.use-bloom-filter", BLOOM_FILTER));
        // --job-options still win, so that a setting of this run can be tried too.
        smallMemory.putAll(options.jobOptions());
        BenchRuns.Throughput manyBuyers = runs.job(large, smallMemory);
        double scaling = manyBuyers.eventsPerSecond() / mainRun.eventsPerSecond();
        String buyers = BenchResults.number(options.largeBuyers()) + " buyers";
        results.add(
                "Full job, RocksDB, exactly-once, " + buyers + ": events/s",
                BenchResults.number(manyBuyers.eventsPerSecond()));
        results.add(
                "Full job, RocksDB, exactly-once, " + buyers + ": events/s per core used",
                BenchResults.number(manyBuyers.eventsPerSecondPerCore()));
        results.add(
                BenchMain.CPU_PER_RECORD + "full job, RocksDB, exactly-once, " + buyers,
                ThreadCpu.describe(manyBuyers.cpuPerRecord()));
        results.add(
                buyers + " ÷ " + BenchResults.number(options.buyers()) + " buyers",
                BenchResults.number(scaling),
                "0.75 to 1.25",
                scaling >= 0.75 && scaling <= 1.25);
        // The many-buyer input has far fewer conversations, so far fewer outputs per input: its rate moves with the
        // outputs as well. The state's own cost per input is what the buyers' number could make dearer.
        double stateFew = ThreadCpu.state(mainRun.cpuPerRecord());
        double stateMany = ThreadCpu.state(manyBuyers.cpuPerRecord());
        results.add(
                "State's CPU per input (buyer timeline and RocksDB's threads), µs, "
                        + BenchResults.number(options.buyers()) + " and " + buyers + ", and their ratio",
                BenchResults.number(stateFew) + ", " + BenchResults.number(stateMany) + ", "
                        + BenchResults.number(stateMany / stateFew));
        double outgrown = (double) manyBuyers.stateBytes() / manyBuyers.blockCacheBytes();
        results.add(
                buyers + ": RocksDB state (last checkpoint), block cache (" + smallMemory + "), bytes",
                manyBuyers.stateBytes() + ", " + manyBuyers.blockCacheBytes());
        results.add(buyers + ": state ÷ block cache", BenchResults.number(outgrown), "> 1", outgrown > 1);
    }
}
