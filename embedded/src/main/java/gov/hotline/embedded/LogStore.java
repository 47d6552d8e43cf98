package gov.hotline.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.MongoServerException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's storage engine: named sorted maps (one per collection) of document ids to
 * BSON bytes, all held in memory, and one append-only file to which every change is written before
 * the reply that depends on it leaves the server.
 *
 * <p><b>Durability.</b> A change is applied to its map and appended to an in-memory buffer in one
 * step under a short lock, which numbers it. {@link #awaitDurable(long)} returns once the file
 * holds every change up to a number: the first waiter writes the whole buffer with one {@code
 * write}, the others wait for it, and whoever arrives during that write is covered by the next one
 * (group commit). A change is in the operating system's page cache when its reply leaves, so it
 * survives {@code kill -9} of this process (not a power loss: there is no fsync).
 *
 * <p><b>File.</b> A header line naming the format and its version, then records {@code [int
 * length][int crc32c][body]}; a body is an operation (put, remove, drop map, rename map), a map
 * name, a key as BSON {@code {k: id}} and, for a put, the document's BSON. Opening replays the
 * records; a torn record at the end (a write the process did not finish: never acknowledged) is cut
 * off. A file of another format or version is refused, never guessed at.
 *
 * <p><b>Compaction.</b> When the file is more than twice the live data (and over {@link
 * #REWRITE_MIN_BYTES}, and twice its size after the last compaction), a background thread writes
 * the live maps to a new file while writes go on, appends what changed meanwhile, and renames it
 * over the old one. The snapshot is taken without stopping writers, so it may hold newer versions
 * than the cut; replaying the changes made after the cut on top of it still ends in the current
 * state, because every record is a whole document or a whole removal.
 */
final class LogStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LogStore.class);

  static final String FORMAT_NAME = "hotline-embedded-mongo log";
  static final int FORMAT_VERSION = 1;
  private static final String HEADER = FORMAT_NAME + " format " + FORMAT_VERSION + "\n";
  private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HEADER = 128;

  /** A file smaller than this is never compacted (system property for tests and small disks). */
  static final long REWRITE_MIN_BYTES = Long.getLong("embedded.mongo.rewrite-min-bytes", 64 << 20);

  private static final int MAX_RECORD = 64 << 20;

  private static final byte PUT = 1;
  private static final byte REMOVE = 2;
  private static final byte DROP = 3;
  private static final byte RENAME = 4;

  private static final Comparator<Object> BSON_ORDER = ValueComparator.asc();

  /**
   * Natural order of a collection: its ids in BSON sort order, as mongo-java-server compares values
   * (for ids of one type, the order of the stock H2 backend). ObjectIds and strings, nearly all
   * ids, skip the comparator's type dispatch (same result).
   */
  static final Comparator<Object> KEY_ORDER =
      (a, b) -> {
        if (a instanceof ObjectId x && b instanceof ObjectId y) {
          return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
          return x.compareTo(y);
        }
        return BSON_ORDER.compare(a, b);
      };

  private final Path file; // null: in memory, nothing written
  private final Map<String, StoreMap> maps = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition flushed = lock.newCondition();
  private FileChannel channel;
  private FileLock fileLock;
  private Buffer pending = new Buffer();
  private Buffer spare = new Buffer();
  private Buffer rewriteTail; // also receives every record while a rewrite runs
  private boolean flushing;
  private boolean rewriting;
  private volatile long appended;
  private volatile long durable;
  private volatile RuntimeException failure;
  private long fileSize;
  private long liveBytes;
  private long sizeAfterRewrite;
  private volatile int compactions;
  private boolean closed;
  private final ExecutorService rewriter;
  private final long rewriteMinBytes;

  private LogStore(Path file, long rewriteMinBytes) {
    this.file = file;
    this.rewriteMinBytes = rewriteMinBytes;
    this.rewriter =
        file == null
            ? null
            : Executors.newSingleThreadExecutor(
                r -> {
                  Thread thread = new Thread(r, "embedded-mongo-rewrite");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  static LogStore inMemory() {
    return new LogStore(null, Long.MAX_VALUE);
  }

  /** Opens (or creates) the store in {@code file}; refuses a file of another format or version. */
  static LogStore open(Path file) {
    return open(file, REWRITE_MIN_BYTES);
  }

  /** As {@link #open(Path)}, compacting once the file exceeds {@code rewriteMinBytes}. */
  static LogStore open(Path file, long rewriteMinBytes) {
    LogStore store = new LogStore(file.toAbsolutePath(), rewriteMinBytes);
    try {
      store.load();
    } catch (IOException e) {
      store.closeQuietly();
      throw new UncheckedIOException("cannot open the embedded Mongo store " + file, e);
    } catch (RuntimeException e) {
      store.closeQuietly();
      throw e;
    }
    return store;
  }

  // ------------------------------------------------------------------ maps

  /** The map of that name, created empty if there is none (creating one writes nothing). */
  StoreMap map(String name) {
    return maps.computeIfAbsent(name, n -> new StoreMap(this, n));
  }

  /** Names of the maps that hold at least one entry. */
  Set<String> mapNames() {
    Set<String> names = new TreeSet<>();
    maps.forEach(
        (name, map) -> {
          if (map.size() > 0) {
            names.add(name);
          }
        });
    return names;
  }

  void removeMap(String name) {
    byte[] nameBytes = utf8(name);
    byte[] body = body(DROP, nameBytes, null, null);
    lock.lock();
    try {
      checkWritable();
      record(body);
      StoreMap map = maps.remove(name);
      if (map != null) {
        map.dropped = true;
        liveBytes -= map.bytes;
        map.entries.clear();
        map.bytes = 0;
        map.size = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  void renameMap(String from, String to) {
    byte[] body = body(RENAME, utf8(from), utf8(to), null);
    lock.lock();
    try {
      checkWritable();
      StoreMap target = maps.get(to);
      if (target != null && target.size() > 0) {
        throw new IllegalStateException("cannot rename " + from + ": " + to + " exists");
      }
      record(body);
      StoreMap map = maps.remove(from);
      if (map != null) {
        map.rename(to);
        maps.put(to, map);
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ durability

  /** Number of the last change applied (0 for an in-memory store). */
  long appendedSequence() {
    return appended;
  }

  /**
   * Returns once every change up to {@code sequence} is in the file (group commit: one waiter
   * writes what all have appended). Throws if the store could not write.
   */
  void awaitDurable(long sequence) {
    if (durable >= sequence && failure == null) {
      return;
    }
    lock.lock();
    try {
      while (durable < sequence) {
        if (failure != null) {
          throw failure;
        }
        if (flushing) {
          flushed.awaitUninterruptibly();
          continue;
        }
        flush();
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Writes the pending buffer; called with the lock held, releases it while writing. */
  private void flush() {
    flushing = true;
    Buffer batch = pending;
    pending = spare;
    spare = null;
    long upTo = appended;
    lock.unlock();
    RuntimeException error = null;
    try {
      writeFully(channel, batch.bytes, batch.length);
    } catch (IOException | RuntimeException e) {
      error = new MongoServerException("the embedded Mongo store cannot write " + file, e);
    } finally {
      lock.lock();
    }
    fileSize += batch.length;
    batch.reset();
    spare = batch;
    flushing = false;
    if (error != null) {
      failure = error;
      log.error("embedded Mongo store failed; no further writes are accepted", error);
    } else {
      durable = upTo;
    }
    flushed.signalAll();
    if (error == null && !rewriting && !closed && needsRewrite()) {
      rewriting = true;
      rewriter.execute(this::rewrite);
    }
  }

  private boolean needsRewrite() {
    return fileSize > rewriteMinBytes
        && fileSize > 2 * liveBytes
        && fileSize > 2 * sizeAfterRewrite;
  }

  private static void writeFully(FileChannel channel, byte[] bytes, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  // ------------------------------------------------------------------ changes

  /**
   * Applies a put or remove to {@code map} and appends its record, under the lock (so the file's
   * order is the maps' order, and a rewrite's cut falls between whole changes).
   */
  private byte[] change(StoreMap map, byte op, Object key, byte[] value) {
    byte[] name = map.nameBytes;
    byte[] body = file == null ? null : body(op, name, Bson.encodeKey(key), value);
    lock.lock();
    try {
      checkWritable();
      if (map.dropped) {
        throw new IllegalStateException("map " + map.name + " was dropped");
      }
      if (body != null) {
        if (name != map.nameBytes) {
          // renamed between encoding and locking: encode again under the lock (rare)
          body = body(op, map.nameBytes, Bson.encodeKey(key), value);
        }
        record(body);
      }
      byte[] previous = op == PUT ? map.entries.put(key, value) : map.entries.remove(key);
      long delta = (op == PUT ? cost(value) : 0) - (previous == null ? 0 : cost(previous));
      map.bytes += delta;
      liveBytes += delta;
      if (op == PUT && previous == null) {
        map.size++;
      } else if (op == REMOVE && previous != null) {
        map.size--;
      }
      return previous;
    } finally {
      lock.unlock();
    }
  }

  /** What an entry costs in a freshly written file, roughly (record header, name and key). */
  private static long cost(byte[] value) {
    return value.length + 96L;
  }

  private void checkWritable() {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new IllegalStateException("the embedded Mongo store is closed");
    }
  }

  /** Appends a record (lock held). */
  private void record(byte[] body) {
    if (file == null) {
      return;
    }
    pending.record(body);
    if (rewriteTail != null) {
      rewriteTail.record(body);
    }
    appended++;
  }

  /** op, map name, then the key and value, or the new name. */
  private static byte[] body(byte op, byte[] name, byte[] second, byte[] value) {
    int length =
        1
            + 2
            + name.length
            + (second == null ? 0 : 4 + second.length)
            + (value == null ? 0 : value.length);
    ByteBuffer body = ByteBuffer.allocate(length);
    body.put(op).putShort((short) name.length).put(name);
    if (second != null) {
      body.putInt(second.length).put(second);
    }
    if (value != null) {
      body.put(value);
    }
    return body.array();
  }

  private static byte[] utf8(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("name too long: " + s);
    }
    return bytes;
  }

  // ------------------------------------------------------------------ opening

  private void load() throws IOException {
    Files.deleteIfExists(rewritePath()); // an unfinished rewrite: the file itself is complete
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    boolean fresh = !Files.exists(file) || startedWithoutData(file);
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    fileLock = lockFile(channel, file);
    if (fresh) {
      channel.truncate(0);
      writeFully(channel, HEADER_BYTES, HEADER_BYTES.length);
      fileSize = HEADER_BYTES.length;
      log.info("created embedded Mongo store {} ({})", file, HEADER.trim());
      return;
    }
    long started = System.nanoTime();
    long good;
    long records = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      checkHeader(in, file);
      good = HEADER_BYTES.length;
      DataInputStream data = new DataInputStream(in);
      CRC32C crc = new CRC32C();
      while (true) {
        byte[] body;
        try {
          int length = data.readInt();
          int expectedCrc = data.readInt();
          if (length < 3 || length > MAX_RECORD) {
            break;
          }
          body = new byte[length];
          data.readFully(body);
          crc.reset();
          crc.update(body);
          if ((int) crc.getValue() != expectedCrc) {
            break;
          }
        } catch (EOFException e) {
          break;
        }
        replay(body);
        good += 8 + body.length;
        records++;
      }
    }
    long size = channel.size();
    if (good < size) {
      log.warn(
          "{}: cut off {} bytes of an unfinished write at the end (it was never acknowledged)",
          file,
          size - good);
      channel.truncate(good);
    }
    fileSize = good;
    channel.position(good);
    log.info(
        "opened embedded Mongo store {}: {} records, {} MB, {} MB live, in {} ms",
        file,
        records,
        good >> 20,
        liveBytes >> 20,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Empty, or killed while writing its header: nothing was ever stored in it. */
  private static boolean startedWithoutData(Path file) throws IOException {
    if (Files.size(file) >= HEADER_BYTES.length) {
      return false;
    }
    byte[] start = Files.readAllBytes(file);
    return Arrays.equals(start, 0, start.length, HEADER_BYTES, 0, start.length);
  }

  private static FileLock lockFile(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException(file + " is in use by another embedded Mongo server");
    }
    return lock;
  }

  /** Reads the header line; anything but this format and version is refused with the reason. */
  static void checkHeader(InputStream in, Path file) throws IOException {
    byte[] line = new byte[MAX_HEADER];
    int n = 0;
    int b;
    while (n < MAX_HEADER && (b = in.read()) >= 0) {
      line[n++] = (byte) b;
      if (b == '\n') {
        break;
      }
    }
    String header = new String(line, 0, n, StandardCharsets.ISO_8859_1);
    if (header.equals(HEADER)) {
      return;
    }
    String advice =
        " Data folders of earlier versions are not converted: stop the stack and delete "
            + file
            + " (its data is lost), or run the version that wrote it. See docs/adr/0006-embedded-store.md.";
    if (header.startsWith(FORMAT_NAME + " format ")) {
      String version = header.substring((FORMAT_NAME + " format ").length()).trim();
      throw new IllegalStateException(
          file
              + " was written in format version "
              + version
              + " of the embedded Mongo store; this build reads only version "
              + FORMAT_VERSION
              + "."
              + advice);
    }
    if (header.startsWith("H:2,")) {
      throw new IllegalStateException(
          file
              + " is an H2 MVStore file, written by the embedded Mongo server of an earlier version"
              + " (before ADR 0006); this build stores data in its own log format."
              + advice);
    }
    throw new IllegalStateException(
        file
            + " is not a data file of the embedded Mongo store (no '"
            + FORMAT_NAME
            + "' header)."
            + advice);
  }

  private void replay(byte[] record) {
    ByteBuffer body = ByteBuffer.wrap(record);
    byte op = body.get();
    byte[] nameBytes = new byte[body.getShort()];
    body.get(nameBytes);
    String name = new String(nameBytes, StandardCharsets.UTF_8);
    switch (op) {
      case PUT, REMOVE -> {
        byte[] key = new byte[body.getInt()];
        body.get(key);
        StoreMap map = map(name);
        Object id = Bson.decodeKey(key);
        byte[] previous;
        if (op == PUT) {
          byte[] value = Arrays.copyOfRange(record, body.position(), record.length);
          previous = map.entries.put(id, value);
          map.bytes += cost(value);
          liveBytes += cost(value);
          if (previous == null) {
            map.size++;
          }
        } else {
          previous = map.entries.remove(id);
          if (previous != null) {
            map.size--;
          }
        }
        if (previous != null) {
          map.bytes -= cost(previous);
          liveBytes -= cost(previous);
        }
      }
      case DROP -> {
        StoreMap map = maps.remove(name);
        if (map != null) {
          liveBytes -= map.bytes;
        }
      }
      case RENAME -> {
        byte[] to = new byte[body.getInt()];
        body.get(to);
        StoreMap map = maps.remove(name);
        if (map != null) {
          String newName = new String(to, StandardCharsets.UTF_8);
          map.rename(newName);
          maps.put(newName, map);
        }
      }
      default -> throw new IllegalStateException(file + ": unknown record type " + op);
    }
  }

  private Path rewritePath() {
    return file.resolveSibling(file.getFileName() + ".rewrite");
  }

  // ------------------------------------------------------------------ compaction

  /** Writes the live maps to a new file and replaces the old one with it (background thread). */
  private void rewrite() {
    long started = System.nanoTime();
    Path temp = rewritePath();
    List<Map.Entry<String, StoreMap>> snapshot = new ArrayList<>();
    long before;
    lock.lock();
    try {
      if (closed || failure != null) {
        rewriting = false;
        return;
      }
      rewriteTail = new Buffer();
      maps.forEach((name, map) -> snapshot.add(Map.entry(name, map)));
      before = fileSize + pending.length;
    } finally {
      lock.unlock();
    }
    FileChannel out = null;
    boolean switched = false;
    try {
      out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      Buffer buffer = new Buffer();
      buffer.put(HEADER_BYTES, HEADER_BYTES.length);
      for (Map.Entry<String, StoreMap> named : snapshot) {
        byte[] name = utf8(named.getKey());
        for (Map.Entry<Object, byte[]> entry : named.getValue().entries.entrySet()) {
          buffer.record(body(PUT, name, Bson.encodeKey(entry.getKey()), entry.getValue()));
          if (buffer.length > 1 << 20) {
            writeFully(out, buffer.bytes, buffer.length);
            buffer.reset();
          }
        }
      }
      writeFully(out, buffer.bytes, buffer.length);
      lock.lock();
      try {
        while (flushing) {
          flushed.awaitUninterruptibly();
        }
        if (closed || failure != null) {
          return;
        }
        // everything appended since the cut, including what is still pending for the old file
        writeFully(out, rewriteTail.bytes, rewriteTail.length);
        FileLock newLock = lockFile(out, temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        switched = true;
        FileChannel old = channel;
        FileLock oldLock = fileLock;
        channel = out;
        fileLock = newLock;
        fileSize = out.size();
        sizeAfterRewrite = fileSize;
        compactions++;
        pending.reset();
        durable = appended;
        flushed.signalAll();
        try {
          oldLock.release();
          old.close();
        } catch (IOException e) {
          log.debug("closing the replaced file", e);
        }
        log.info(
            "compacted embedded Mongo store {}: {} KB -> {} KB in {} ms",
            file,
            before >> 10,
            fileSize >> 10,
            (System.nanoTime() - started) / 1_000_000);
      } finally {
        rewriteTail = null;
        rewriting = false;
        lock.unlock();
      }
    } catch (IOException | RuntimeException e) {
      log.warn("compacting {} failed; it goes on growing", file, e);
      lock.lock();
      try {
        rewriteTail = null;
        rewriting = false;
      } finally {
        lock.unlock();
      }
    } finally {
      if (!switched) {
        try {
          if (out != null) {
            out.close();
          }
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          log.debug("removing {}", temp, e);
        }
      }
    }
  }

  // ------------------------------------------------------------------ closing

  long fileSize() {
    lock.lock();
    try {
      return fileSize;
    } finally {
      lock.unlock();
    }
  }

  /** How often the file was compacted since it was opened. */
  int compactions() {
    return compactions;
  }

  boolean isInMemory() {
    return file == null;
  }

  Path file() {
    return file;
  }

  /** Writes what is pending and closes the file. Idempotent. */
  @Override
  public void close() {
    if (file == null) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (failure == null) {
        while (flushing) {
          flushed.awaitUninterruptibly();
        }
        if (durable < appended) {
          flush();
        }
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    rewriter.shutdown();
    try {
      if (!rewriter.awaitTermination(60, TimeUnit.SECONDS)) {
        log.warn("compaction of {} did not finish", file);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
    log.info("closed embedded Mongo store {}", file);
  }

  private void closeQuietly() {
    try {
      if (fileLock != null && fileLock.isValid()) {
        fileLock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      log.warn("closing {}", file, e);
    }
    if (rewriter != null) {
      rewriter.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ types

  /** A growable byte array. */
  private static final class Buffer {
    byte[] bytes = new byte[64 << 10];
    int length;

    void record(byte[] body) {
      CRC32C crc = new CRC32C();
      crc.update(body);
      ensure(8 + body.length);
      ByteBuffer.wrap(bytes, length, 8).putInt(body.length).putInt((int) crc.getValue());
      length += 8;
      put(body, body.length);
    }

    void put(byte[] data, int n) {
      ensure(n);
      System.arraycopy(data, 0, bytes, length, n);
      length += n;
    }

    private void ensure(int n) {
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
    }

    void reset() {
      length = 0;
      if (bytes.length > 4 << 20) {
        bytes = new byte[64 << 10];
      }
    }
  }

  /**
   * One collection's documents: id to BSON bytes, sorted by {@link #KEY_ORDER}. Reads never lock;
   * changes go through the store (one writer per collection at a time is the caller's business).
   */
  static final class StoreMap {
    private final LogStore store;
    private volatile String name;
    private volatile byte[] nameBytes;
    private final ConcurrentSkipListMap<Object, byte[]> entries =
        new ConcurrentSkipListMap<>(KEY_ORDER);
    private volatile int size;
    private volatile long bytes;
    private volatile boolean dropped;

    private StoreMap(LogStore store, String name) {
      this.store = store;
      rename(name);
    }

    private void rename(String newName) {
      this.name = newName;
      this.nameBytes = utf8(newName);
    }

    String name() {
      return name;
    }

    byte[] get(Object key) {
      return entries.get(key);
    }

    byte[] put(Object key, byte[] value) {
      return store.change(this, PUT, key, value);
    }

    byte[] remove(Object key) {
      return store.change(this, REMOVE, key, null);
    }

    int size() {
      return size;
    }

    /** BSON bytes of the documents (plus a small per-entry allowance). */
    long bytes() {
      return bytes;
    }

    /** A read-only sorted view (weakly consistent iteration). */
    NavigableMap<Object, byte[]> view() {
      return java.util.Collections.unmodifiableNavigableMap(entries);
    }

    Collection<byte[]> values() {
      return view().values();
    }
  }
}
