package io.buyersignals.sources;

import io.buyersignals.contract.RecordReader;
import io.buyersignals.model.Parsed;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;

/** Bounded sources over the JSON-lines files of a replay directory. */
public final class FileInputs {
    private FileInputs() {}

    /**
     * The file {@code fileName} in {@code directory}. The source lists the directory rather than opening the file,
     * so a missing file is simply an empty input (any replay input may be missing).
     */
    public static <T> Source<Parsed<T>, ?, ?> jsonLines(
            Path directory, String fileName, RecordReader<T> reader, TypeInformation<Parsed<T>> type) {
        org.apache.flink.core.fs.Path root = org.apache.flink.core.fs.Path.fromLocalFile(directory.toFile());
        String rootPath = withoutTrailingSlash(root.toUri().getPath());
        return FileSource.forRecordStreamFormat(new JsonLinesFormat<>(fileName, reader, type), root)
                .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(
                        path -> path.getName().equals(fileName)
                                || withoutTrailingSlash(path.toUri().getPath()).equals(rootPath)))
                .build();
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
