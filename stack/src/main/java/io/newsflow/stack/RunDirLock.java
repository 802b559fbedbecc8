package io.newsflow.stack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run dir for as long as a stack runs from it. A live stack is never mistaken for leftovers;
 * the operating system drops the lock when its JVM dies (even by {@code kill -9}), and server processes do not
 * inherit it, so what they leave behind is recognised as leftovers.
 */
final class RunDirLock implements AutoCloseable {

    static final String FILE_NAME = "stack.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RunDirLock acquire(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StackException("Another stack is running from " + runDir + " (JVM pid "
                        + Files.readString(file, StandardCharsets.US_ASCII).strip()
                        + "); stop it first, or give this one another run dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)));
            return new RunDirLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new StackException("This JVM already runs a stack from " + runDir
                    + "; share that Stack, or give this one another run dir", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
