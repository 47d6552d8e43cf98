package gov.hotline.intake.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.intake.caller.CallerVault;
import gov.hotline.platform.domain.RuleViolation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * 受理: opens a work order from a demand, whichever channel brought it (REST today; Open311 and the
 * inbound channel topic later call the same method). Keeps the caller's personal data in the vault,
 * takes the order number, and sends {@link OpenOrder} — once per idempotency key: the same key with
 * the same demand answers the original order, with another demand it is refused.
 */
public class OrderIntake {
  private final CommandGateway commands;
  private final CallerVault callers;
  private final OrderNumbers numbers;
  private final IdempotencyKeys keys;
  private final EventStore events;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public OrderIntake(
      CommandGateway commands,
      CallerVault callers,
      OrderNumbers numbers,
      IdempotencyKeys keys,
      EventStore events,
      Clock clock,
      Supplier<UUID> ids) {
    this.commands = commands;
    this.callers = callers;
    this.numbers = numbers;
    this.keys = keys;
    this.events = events;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Opens the order; with an idempotency key, at most once per key and actor.
   *
   * @throws RuleViolation {@code idempotency-key-reused} when the key opened an order for another
   *     demand
   */
  public OpenedOrder open(Demand demand, Actor actor, Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty()) {
      return openNew(demand, actor, ids.get(), numbers.next(), clock.instant());
    }
    String scopedKey = actor.role() + ":" + actor.userId() + ":" + idempotencyKey.get();
    String fingerprint = fingerprint(demand);
    while (true) {
      Optional<IdempotencyKeys.Claim> claimed = keys.find(scopedKey);
      if (claimed.isPresent()) {
        return replay(claimed.get(), fingerprint, demand, actor);
      }
      IdempotencyKeys.Claim claim =
          new IdempotencyKeys.Claim(fingerprint, ids.get(), numbers.next(), clock.instant());
      if (keys.claim(scopedKey, claim)) {
        sendOnce(command(demand, actor, claim.orderId(), claim.orderNumber(), claim.receivedAt()));
        return new OpenedOrder(claim.orderId(), claim.orderNumber(), claim.receivedAt(), false);
      }
      // another request with the same key claimed it in between: answer as it does
    }
  }

  private OpenedOrder openNew(
      Demand demand, Actor actor, UUID orderId, String orderNumber, Instant at) {
    commands.sendAndWait(command(demand, actor, orderId, orderNumber, at));
    return new OpenedOrder(orderId, orderNumber, at, false);
  }

  /** The key was used before: the same demand gets its order (finished if a crash cut it short). */
  private OpenedOrder replay(
      IdempotencyKeys.Claim claim, String fingerprint, Demand demand, Actor actor) {
    if (!claim.fingerprint().equals(fingerprint)) {
      throw new RuleViolation(
          "idempotency-key-reused",
          "this Idempotency-Key opened order " + claim.orderNumber() + " for another demand");
    }
    if (events.lastSequenceNumberFor(claim.orderId().toString()).isEmpty()) {
      sendOnce(command(demand, actor, claim.orderId(), claim.orderNumber(), claim.receivedAt()));
    }
    return new OpenedOrder(claim.orderId(), claim.orderNumber(), claim.receivedAt(), true);
  }

  /**
   * Opens the claimed order. A retry with the same key that arrived while the first request was
   * still on its way may have opened it already: either way the order exists once, as claimed.
   */
  private void sendOnce(OpenOrder command) {
    try {
      commands.sendAndWait(command);
    } catch (ConcurrencyException | AggregateStreamCreationException openedMeanwhile) {
      // opened by the other request with the same key and demand
    }
  }

  private OpenOrder command(
      Demand demand, Actor actor, UUID orderId, String orderNumber, Instant at) {
    Demand.Caller caller = demand.caller();
    CallerRef ref =
        callers.register(caller.phone(), caller.name(), caller.anonymous(), caller.confidential());
    return new OpenOrder(
        orderId,
        orderNumber,
        at,
        actor,
        demand.channel(),
        demand.demandType(),
        demand.category(),
        demand.urgency(),
        demand.title(),
        demand.description(),
        demand.location(),
        ref,
        demand.attachments());
  }

  /** A digest of the demand as read, so a retry's JSON may differ in spacing or field order. */
  static String fingerprint(Demand demand) {
    try {
      byte[] canonical = ContractJson.mapper().writeValueAsBytes(demand);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a demand", e);
    }
  }
}
