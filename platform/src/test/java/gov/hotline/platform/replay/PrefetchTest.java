package gov.hotline.platform.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PrefetchTest {

  @Test
  void gives_every_element_in_order_each_prepared_on_the_reading_thread() {
    List<String> preparedOn = new CopyOnWriteArrayList<>();
    try (Stream<Integer> ahead =
        Prefetch.ahead(
            IntStream.range(0, 10_007).boxed(),
            i -> preparedOn.add(Thread.currentThread().getName()),
            500,
            "test-reader")) {
      assertThat(ahead.toList()).isEqualTo(IntStream.range(0, 10_007).boxed().toList());
    }
    assertThat(preparedOn).hasSize(10_007).containsOnly("test-reader");
  }

  @Test
  void a_failure_of_the_reading_reaches_the_caller_after_what_was_read_before_it() {
    AtomicInteger taken = new AtomicInteger();
    Stream<Integer> failing =
        IntStream.range(0, 2_000)
            .boxed()
            .peek(
                i -> {
                  if (i == 1_500) {
                    throw new IllegalStateException("store gone");
                  }
                });
    try (Stream<Integer> ahead = Prefetch.ahead(failing, i -> {}, 100, "test-reader")) {
      assertThatThrownBy(() -> ahead.forEach(i -> taken.incrementAndGet()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("store gone");
    }
    assertThat(taken).hasValue(1_500);
  }

  @Test
  void closing_stops_the_reading_and_closes_the_source() {
    AtomicBoolean sourceClosed = new AtomicBoolean();
    Stream<Integer> endless = Stream.iterate(0, i -> i + 1).onClose(() -> sourceClosed.set(true));
    Stream<Integer> ahead = Prefetch.ahead(endless, i -> {}, 10, "test-reader");
    assertThat(ahead.limit(25).toList()).hasSize(25);
    ahead.close();
    assertThat(sourceClosed).isTrue();
  }
}
