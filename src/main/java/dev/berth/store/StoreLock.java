package dev.berth.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store-wide lock that serialises index updates and garbage collection, across threads and
 * processes. It is reentrant within a thread.
 */
public final class StoreLock {

  // A JVM holds a POSIX lock per process, not per thread, and closing any channel on the file
  // drops it; so threads queue on one in-JVM lock per file and only the outermost holder touches
  // the file lock.
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantLock jvmLock;
  private FileChannel channel;
  private FileLock fileLock;

  /** A lock on {@code file}, made when first taken. */
  public StoreLock(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, f -> new ReentrantLock());
  }

  /** Blocks until this thread holds the lock; close the result to release it. */
  public Held acquire() throws IOException {
    jvmLock.lock();
    if (jvmLock.getHoldCount() == 1) {
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        fileLock = channel.lock();
      } catch (IOException | RuntimeException e) {
        closeChannel();
        jvmLock.unlock();
        throw e;
      }
    }
    return new Held();
  }

  /** True when the calling thread holds the lock. */
  public boolean heldByCurrentThread() {
    return jvmLock.isHeldByCurrentThread();
  }

  private void release() throws IOException {
    try {
      if (jvmLock.getHoldCount() == 1) {
        try {
          fileLock.release();
        } finally {
          closeChannel();
        }
      }
    } finally {
      jvmLock.unlock();
    }
  }

  private void closeChannel() throws IOException {
    FileChannel ch = channel;
    channel = null;
    fileLock = null;
    if (ch != null) {
      ch.close();
    }
  }

  /** A held lock; closing it releases one level of hold. */
  public final class Held implements AutoCloseable {
    private boolean released;

    private Held() {}

    @Override
    public void close() throws IOException {
      if (!released) {
        released = true;
        release();
      }
    }
  }
}
