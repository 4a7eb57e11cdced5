package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A release is a version in the poms, an entry in CHANGELOG.md and a committed savepoint, all three together: the
 * newest changelog entry is the build's version, and every release in the changelog has its savepoint (and its
 * line in the savepoints' README), kept for good.
 */
class ReleasesTest {
    private static final Pattern RELEASE =
            Pattern.compile("^## (\\d+\\.\\d+\\.\\d+) — \\d{4}-\\d{2}-\\d{2}$", Pattern.MULTILINE);
    private static final Path SAVEPOINTS = Path.of("src/test/resources/savepoints");

    @Test
    void theVersionTheChangelogAndTheSavepointsMoveTogether() throws Exception {
        List<String> released = RELEASE.matcher(Files.readString(Path.of("../CHANGELOG.md"), StandardCharsets.UTF_8))
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(released).as("releases in CHANGELOG.md").isNotEmpty();
        assertThat(released.get(0))
                .as("the newest release in CHANGELOG.md is the build's version")
                .isEqualTo(System.getProperty("project.version"));

        List<String> savepoints;
        try (Stream<Path> dirs = Files.list(SAVEPOINTS)) {
            savepoints = dirs.filter(dir -> Files.exists(dir.resolve("_metadata")))
                    .map(dir -> dir.getFileName().toString())
                    .toList();
        }
        assertThat(savepoints)
                .as("a committed savepoint for each release, none for anything else")
                .containsExactlyInAnyOrderElementsOf(released);
        String readme = Files.readString(SAVEPOINTS.resolve("README.md"), StandardCharsets.UTF_8);
        for (String release : released) {
            Matcher row = Pattern.compile("^\\| " + Pattern.quote(release) + " \\|", Pattern.MULTILINE)
                    .matcher(readme);
            assertThat(row.find())
                    .as("savepoints/README.md describes %s", release)
                    .isTrue();
        }
    }
}
