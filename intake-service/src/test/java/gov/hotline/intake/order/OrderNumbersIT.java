package gov.hotline.intake.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import gov.hotline.embedded.EmbeddedMongoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Operators open orders at the same moment on many threads; no two may get the same number. */
class OrderNumbersIT {
  @TempDir Path dir;

  @ParameterizedTest(name = "durable store: {0}")
  @ValueSource(booleans = {false, true})
  void concurrent_operators_never_get_the_same_order_number(boolean durable) throws Exception {
    try (EmbeddedMongoServer server =
            EmbeddedMongoServer.start(durable ? dir.resolve("numbers.mv.db") : null, 0);
        MongoClient client = MongoClients.create(server.connectionString())) {
      Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
      OrderNumbers numbers =
          new OrderNumbers(new MongoTemplate(client, "intake"), clock, ZoneId.of("Asia/Shanghai"));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<List<String>>> operators = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          operators.add(
              () -> {
                List<String> taken = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                  taken.add(numbers.next());
                }
                return taken;
              });
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : pool.invokeAll(operators)) {
          all.addAll(f.get());
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(400);
        assertThat(all)
            .containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 400)
                    .mapToObj(i -> String.format("20261124%06d", i))
                    .toList());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
