package io.buyersignals.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;

/**
 * How every command line of the project is read (picocli): the job's {@code replay}, the local run and the benchmark.
 * An unknown or misspelt option, a missing one or a value that does not fit is a one-sentence {@link UsageException}
 * that names the option; {@code --help} prints the usage instead.
 */
public final class CommandLines {
    private CommandLines() {}

    /**
     * Reads {@code args} into {@code options} (a picocli {@code @Command}); returns false if the user asked for help,
     * which is printed to {@code out}, true if the options are ready to use.
     */
    public static boolean parse(Object options, String[] args, PrintStream out) {
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            // A misspelt option also leaves a required one missing; the misspelling is what to fix.
            String message = commandLine.getUnmatchedArguments().isEmpty()
                    ? sentence(e.getMessage())
                    : "Unknown option: '" + commandLine.getUnmatchedArguments().get(0) + "'";
            throw new UsageException(message + " (--help lists the options)");
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return false;
        }
        return true;
    }

    /**
     * For a {@code main}: what {@code parse} returns (null when only help was asked for); a usage mistake is printed
     * and ends the JVM with status 2.
     */
    public static <T> T orExit(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return null;
        }
    }

    /** A value that parsed but does not fit: "--buyers must be at least 1, not 0." */
    public static UsageException invalid(String option, String requirement, Object value) {
        return new UsageException(option + " must be " + requirement + ", not " + value + ".");
    }

    private static String sentence(String message) {
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return firstLine.endsWith(".") ? firstLine.substring(0, firstLine.length() - 1) : firstLine;
    }

    /** Durations as Flink writes them: 500ms, 5s, 90s, 5min, 1h. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return TimeUtils.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration such as 500ms, 90s or 5min");
            }
        }
    }
}
