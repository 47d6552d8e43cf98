package gov.hotline.platform.replay;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream read ahead on a thread of its own, a batch at a time: a replay's reads from the store
 * (and what {@code prepare} does to each element, such as deserializing it) run while the caller
 * works on the batch before, so the store, the reads and the caller's work use the machine's cores
 * at once instead of taking turns. At most {@value #BATCHES_AHEAD} batches wait. Closing the
 * returned stream stops the reading and closes the source; a failure of the reading is thrown to
 * the caller when it reaches that point.
 */
public final class Prefetch {
  static final int BATCHES_AHEAD = 3;
  private static final Object END = new Object();

  private Prefetch() {}

  public static <T> Stream<T> ahead(
      Stream<T> source, Consumer<? super T> prepare, int batch, String threadName) {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    Throwable[] failure = new Throwable[1];
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              List<T> chunk = new ArrayList<>(batch);
              try {
                Iterator<T> elements = source.iterator();
                while (elements.hasNext()) {
                  T element = elements.next();
                  prepare.accept(element);
                  chunk.add(element);
                  if (chunk.size() >= batch) {
                    if (!hand(queue, chunk, closed)) {
                      return;
                    }
                    chunk = new ArrayList<>(batch);
                  }
                }
                if (!chunk.isEmpty() && !hand(queue, chunk, closed)) {
                  return;
                }
              } catch (RuntimeException | Error e) {
                if (closed.get()) {
                  return; // closing interrupted the read
                }
                synchronized (failure) {
                  failure[0] = e;
                }
              }
              hand(queue, END, closed);
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    Iterator<T> batches =
        new Iterator<>() {
          private Iterator<T> current = java.util.Collections.emptyIterator();
          private boolean ended;

          @Override
          @SuppressWarnings("unchecked")
          public boolean hasNext() {
            while (!current.hasNext() && !ended) {
              Object next;
              try {
                next = queue.take();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
              }
              if (next == END) {
                ended = true;
                synchronized (failure) {
                  if (failure[0] instanceof RuntimeException e) {
                    throw e;
                  } else if (failure[0] instanceof Error e) {
                    throw e;
                  }
                }
              } else {
                current = ((List<T>) next).iterator();
              }
            }
            return current.hasNext();
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            return current.next();
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(batches, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              closed.set(true);
              reader.interrupt();
              try {
                reader.join(java.time.Duration.ofSeconds(10).toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              source.close();
            });
  }

  /** Puts {@code item} in the queue unless the stream is closed first; false if it was. */
  private static boolean hand(
      BlockingQueue<Object> queue, Object item, java.util.concurrent.atomic.AtomicBoolean closed) {
    try {
      while (!closed.get()) {
        if (queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
    return false;
  }
}
