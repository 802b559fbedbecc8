package io.newsflow.schemas.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build-time gate of the public contract: {@code ./mvnw verify} fails here when a change to
 * {@code src/main/avro/*.avsc} could not read data written with a released version. See docs/schemas.md.
 */
class ContractEvolutionTest {
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = CURRENT.resolve("released");

    @Test
    void shouldReadDataWrittenWithEveryReleasedSchemaWithTheCurrentOnes() {
        assertThat(RELEASED.resolve("v1")).as("the first release of the contract").isDirectory();

        List<String> problems = ReleasedSchemasCheck.problems(CURRENT, RELEASED);

        assertThat(problems)
                .withFailMessage(() -> "The Avro contract changed in a way that breaks data already written:\n  "
                        + String.join("\n  ", problems)
                        + "\nMake the change BACKWARD compatible (new fields need a default; keep fields' types,"
                        + " enum symbols and record names) or, if it is really meant, discuss a new topic.")
                .isEmpty();
    }

    @Test
    void shouldReleaseTheSchemaOfEveryGeneratedRecordClassInV1() throws Exception {
        try (var released = Files.list(RELEASED.resolve("v1"))) {
            assertThat(released.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("RawArticle.avsc", "CleanArticle.avsc", "DeadLetter.avsc");
        }
    }
}
