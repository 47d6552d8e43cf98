package gov.hotline.platform.history;

import static gov.hotline.contract.ActorRole.SUPERVISOR;

import gov.hotline.platform.web.Allowed;
import gov.hotline.platform.web.InvalidInputException;
import java.util.Optional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations' door to a large history for benchmarks ({@code ./hotline seed}): hold the consumer,
 * seed a range of the {@link SyntheticHistory}, settle the consumer past it. Calls are idempotent
 * and may be repeated or resumed from any order.
 */
@RestController
public class HistoryController {
  /** Orders one call seeds at most, so a call stays well inside an HTTP timeout. */
  public static final int MAX_ORDERS_PER_CALL = 20_000;

  private final HistorySeeder seeder;
  private final Optional<HistoryCatchUp> catchUp;

  public HistoryController(HistorySeeder seeder, Optional<HistoryCatchUp> catchUp) {
    this.seeder = seeder;
    this.catchUp = catchUp;
  }

  public record SeedRequest(Integer from, Integer orders) {}

  public record CatchUpAnswer(boolean consumes, long skipped) {}

  /** Stops this service's consumer until {@link #settle}, so seeded records are not handled. */
  @PostMapping("/admin/history/hold")
  @Allowed(SUPERVISOR)
  public CatchUpAnswer hold() {
    catchUp.ifPresent(HistoryCatchUp::hold);
    return new CatchUpAnswer(catchUp.isPresent(), 0);
  }

  /** Writes this service's share of orders {@code from … from + orders - 1}. */
  @PostMapping("/admin/history/seed")
  @Allowed(SUPERVISOR)
  public HistorySeeder.Outcome seed(@RequestBody SeedRequest request) throws Exception {
    if (request.from() == null || request.from() < 0) {
      throw InvalidInputException.field("from", "must be 0 or more");
    }
    if (request.orders() == null
        || request.orders() < 0
        || request.orders() > MAX_ORDERS_PER_CALL) {
      throw InvalidInputException.field("orders", "must be 0 to " + MAX_ORDERS_PER_CALL);
    }
    if ((long) request.from() + request.orders() > SyntheticHistory.MAX_ORDERS) {
      throw InvalidInputException.field(
          "orders", "the history ends at order " + (SyntheticHistory.MAX_ORDERS - 1));
    }
    catchUp.ifPresent(HistoryCatchUp::hold);
    return seeder.seed(request.from(), request.orders());
  }

  /** Moves the consumer past the seeded records and resumes it. */
  @PostMapping("/admin/history/settle")
  @Allowed(SUPERVISOR)
  public CatchUpAnswer settle() {
    return new CatchUpAnswer(catchUp.isPresent(), catchUp.map(HistoryCatchUp::settle).orElse(0L));
  }
}
