package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirLockTest {

    @TempDir
    Path runDir;

    @Test
    void shouldRefuseASecondStackInTheSameRunDirUntilTheFirstReleasesIt() throws Exception {
        try (RunDirLock first = RunDirLock.acquire(runDir)) {
            assertThat(runDir.resolve(RunDirLock.FILE_NAME)).hasContent(Long.toString(ProcessHandle.current().pid()));
            assertThatThrownBy(() -> RunDirLock.acquire(runDir))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("already runs a stack from " + runDir);
        }
        try (RunDirLock again = RunDirLock.acquire(runDir)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void shouldLetStacksOfDifferentRunDirsRunSideBySide(@TempDir Path otherRunDir) throws Exception {
        try (RunDirLock first = RunDirLock.acquire(runDir); RunDirLock second = RunDirLock.acquire(otherRunDir)) {
            assertThat(first).isNotSameAs(second);
        }
    }
}
