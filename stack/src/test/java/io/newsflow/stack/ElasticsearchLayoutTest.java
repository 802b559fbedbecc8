package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchLayoutTest {

    @TempDir
    Path dir;

    @Test
    void shouldCopyTheDistributionSoEveryUserCanReadItAndKeepExecutablesExecutable() throws Exception {
        Path source = Files.createDirectories(dir.resolve("source/config"));
        Files.writeString(source.resolve("jvm.options"), "-Xss1m");
        Files.setPosixFilePermissions(source.resolve("jvm.options"), PosixFilePermissions.fromString("rw-rw----"));
        Path bin = Files.createDirectories(dir.resolve("source/bin"));
        Files.writeString(bin.resolve("elasticsearch"), "#!/bin/bash");
        Files.setPosixFilePermissions(bin.resolve("elasticsearch"), PosixFilePermissions.fromString("rwx------"));

        Path copy = ElasticsearchLayout.readableCopy(dir.resolve("source"), dir.resolve("shared/es"));

        assertThat(Files.getPosixFilePermissions(copy.resolve("config/jvm.options")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Files.getPosixFilePermissions(copy.resolve("bin/elasticsearch")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(copy.resolve("config")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(copy.resolve(ElasticsearchLayout.COMPLETE_MARKER)).exists();
        assertThat(dir.resolve("shared")).isDirectoryNotContaining(path -> path.getFileName().toString().contains(".tmp-"));
    }

    @Test
    void shouldReuseACompleteCopyInsteadOfCopyingAgain() throws Exception {
        Files.createDirectories(dir.resolve("source"));
        Files.writeString(dir.resolve("source/file"), "v1");
        Path copy = ElasticsearchLayout.readableCopy(dir.resolve("source"), dir.resolve("shared/es"));
        Files.writeString(dir.resolve("source/file"), "v2");

        assertThat(ElasticsearchLayout.readableCopy(dir.resolve("source"), dir.resolve("shared/es"))).isEqualTo(copy);
        assertThat(copy.resolve("file")).hasContent("v1");
    }

    @Test
    void shouldGiveEachRunDirItsOwnStateFolder() {
        String one = ElasticsearchLayout.hash(Path.of("/work/wt/a/sink/target/newsflow-stack"));

        assertThat(one).hasSize(12).isEqualTo(ElasticsearchLayout.hash(Path.of("/work/wt/a/sink/target/newsflow-stack")));
        assertThat(ElasticsearchLayout.hash(Path.of("/work/wt/b/sink/target/newsflow-stack"))).isNotEqualTo(one);
    }
}
