package io.newsflow.schemas.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The build's BACKWARD check: every current {@code .avsc} must read data written with every released version of
 * it, and no released schema may disappear. Released versions live in {@code <released>/v1/}, {@code v2/}, ...
 * (each a copy of the {@code .avsc} files as they were released). Stricter than Avro in one way: an enum symbol
 * may never be removed, even from an enum with a default.
 */
public final class ReleasedSchemasCheck {
    private ReleasedSchemasCheck() {}

    /** Everything that breaks the rule, one sentence each; empty when the current schemas are compatible. */
    public static List<String> problems(Path currentDir, Path releasedDir) {
        List<String> problems = new ArrayList<>();
        for (Path release : list(releasedDir, Files::isDirectory)) {
            for (Path released : list(release, f -> f.toString().endsWith(".avsc"))) {
                String name = released.getFileName().toString();
                String where = release.getFileName() + "/" + name;
                Path current = currentDir.resolve(name);
                if (!Files.exists(current)) {
                    problems.add(name + " was released in " + where + " but is gone from " + currentDir
                            + ": consumers still read that contract, so keep the schema");
                    continue;
                }
                Schema currentSchema = parse(current);
                Schema releasedSchema = parse(released);
                List<String> found = new ArrayList<>(AvroCompatibility.problems(currentSchema, releasedSchema));
                found.addAll(RemovedEnumSymbols.problems(currentSchema, releasedSchema));
                for (String problem : found) {
                    problems.add(name + " cannot read data written with released " + where + " (BACKWARD): " + problem);
                }
            }
        }
        return problems;
    }

    private static Schema parse(Path avsc) {
        try {
            return new Schema.Parser().parse(avsc.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + avsc, e);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException(avsc + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir, Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
