package io.buyersignals.tests;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Kafka sink inside a wrapper that can fail its writer ({@link Chaos.Point#writer}), fail its committer between
 * pre-commit and commit ({@link Chaos.Point#beforeCommit}), or, to show that the checks catch a sink that loses
 * output, silently drop every record of one transaction ({@link #dropOneTransaction}). Everything else is the
 * wrapped sink's: its writer state, committables and their serializers, so the operator's state is the
 * production one.
 */
final class ChaosSink<IN, CommT, StateT>
        implements Sink<IN>, SupportsCommitter<CommT>, SupportsWriterState<IN, StateT> {
    private static final long serialVersionUID = 1L;

    /** Per output: -1 nothing to drop; 0 armed; else the subtask + 1 that drops its current transaction. */
    private static final Map<String, AtomicInteger> DROPPING = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> DROPPED = new ConcurrentHashMap<>();

    private final String output;
    private final Sink<IN> sink;

    private ChaosSink(String output, Sink<IN> sink) {
        this.output = output;
        this.sink = sink;
    }

    static <T> Sink<T> around(String output, Sink<T> kafkaSink) {
        return new ChaosSink<>(output, kafkaSink);
    }

    /** The first writer of {@code output} to start a transaction from now on drops every record of it. */
    static void dropOneTransaction(String output) {
        DROPPED.put(output, new AtomicInteger());
        DROPPING.put(output, new AtomicInteger(0));
    }

    /** Records dropped since {@link #dropOneTransaction}; final once {@link #droppedTransactionEnded}. */
    static int dropped(String output) {
        AtomicInteger dropped = DROPPED.get(output);
        return dropped == null ? 0 : dropped.get();
    }

    static boolean droppedTransactionEnded(String output) {
        AtomicInteger dropping = DROPPING.get(output);
        return dropping != null && dropping.get() == -1;
    }

    static void reset() {
        DROPPING.clear();
        DROPPED.clear();
    }

    @SuppressWarnings("unchecked")
    private SupportsCommitter<CommT> committing() {
        return (SupportsCommitter<CommT>) sink;
    }

    @SuppressWarnings("unchecked")
    private SupportsWriterState<IN, StateT> stateful() {
        return (SupportsWriterState<IN, StateT>) sink;
    }

    @Override
    @Deprecated
    public SinkWriter<IN> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink 1.20 creates writers with a WriterInitContext");
    }

    @Override
    public SinkWriter<IN> createWriter(WriterInitContext context) throws IOException {
        return new Writer(sink.createWriter(context), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public StatefulSinkWriter<IN, StateT> restoreWriter(WriterInitContext context, Collection<StateT> state)
            throws IOException {
        return new Writer(
                stateful().restoreWriter(context, state), context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public SimpleVersionedSerializer<StateT> getWriterStateSerializer() {
        return stateful().getWriterStateSerializer();
    }

    @Override
    public Committer<CommT> createCommitter(CommitterInitContext context) throws IOException {
        Committer<CommT> committer = committing().createCommitter(context);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<CommT>> requests) throws IOException, InterruptedException {
                if (!requests.isEmpty() && Chaos.firesNow(Chaos.Point.beforeCommit(output))) {
                    List<String> ids = new ArrayList<>();
                    for (CommitRequest<CommT> request : requests) {
                        ids.add(transactionalId(request.getCommittable()));
                    }
                    Chaos.failBeforeCommit(Chaos.Point.beforeCommit(output), ids);
                }
                committer.commit(requests);
            }

            @Override
            public void close() throws Exception {
                committer.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<CommT> getCommittableSerializer() {
        return committing().getCommittableSerializer();
    }

    /** The connector's committable class is package-private; its accessor is public. */
    private static String transactionalId(Object committable) {
        try {
            Method getter = committable.getClass().getMethod("getTransactionalId");
            getter.setAccessible(true);
            return (String) getter.invoke(committable);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Not a Kafka committable: " + committable, e);
        }
    }

    private final class Writer implements CommittingSinkWriter<IN, CommT>, StatefulSinkWriter<IN, StateT> {
        private final SinkWriter<IN> writer;
        private final int subtask;

        Writer(SinkWriter<IN> writer, int subtask) {
            this.writer = writer;
            this.subtask = subtask;
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            AtomicInteger dropping = DROPPING.get(output);
            if (dropping != null && dropping.get() == subtask + 1) {
                DROPPED.get(output).incrementAndGet();
                return;
            }
            writer.write(element, context);
            if (Chaos.firesNow(Chaos.Point.writer(output))) {
                writer.flush(false);
                throw new Chaos.InjectedFailure(Chaos.Point.writer(output));
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        /** The end of one transaction and the start of the next: where dropping starts and stops. */
        @Override
        @SuppressWarnings("unchecked")
        public Collection<CommT> prepareCommit() throws IOException, InterruptedException {
            Collection<CommT> committables = ((CommittingSinkWriter<IN, CommT>) writer).prepareCommit();
            AtomicInteger dropping = DROPPING.get(output);
            if (dropping != null && !dropping.compareAndSet(subtask + 1, -1)) {
                dropping.compareAndSet(0, subtask + 1);
            }
            return committables;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<StateT> snapshotState(long checkpointId) throws IOException {
            return ((StatefulSinkWriter<IN, StateT>) writer).snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            writer.close();
        }
    }
}
