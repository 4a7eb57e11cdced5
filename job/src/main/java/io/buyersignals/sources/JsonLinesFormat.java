package io.buyersignals.sources;

import io.buyersignals.contract.RecordReader;
import io.buyersignals.model.Parsed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/** A JSON-lines file of one contract document; a dead letter's offset is its 1-based line number. */
public final class JsonLinesFormat<T> extends SimpleStreamFormat<Parsed<T>> {
    private final String source;
    private final RecordReader<T> reader;
    private final TypeInformation<Parsed<T>> type;

    public JsonLinesFormat(String source, RecordReader<T> reader, TypeInformation<Parsed<T>> type) {
        this.source = source;
        this.reader = reader;
        this.type = type;
    }

    @Override
    public Reader<Parsed<T>> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return new Reader<>() {
            private long lineNumber;

            @Override
            public Parsed<T> read() throws IOException {
                String line;
                do {
                    line = lines.readLine();
                    if (line == null) {
                        return null;
                    }
                    lineNumber++;
                } while (line.isBlank());
                return reader.parse(line, source, null, lineNumber);
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<Parsed<T>> getProducedType() {
        return type;
    }
}
