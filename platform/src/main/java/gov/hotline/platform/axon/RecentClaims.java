package gov.hotline.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;

/**
 * A token store that leaves out a claim extension when this node confirmed the same claim only
 * moments ago.
 *
 * <p>Without a transaction manager, Axon's tracking processor extends its claim at the start of
 * every batch, then stores the token at the end of it. That is two updates of the same token entry
 * per batch. At a rate the stack keeps up with, every event is a batch of its own, so each
 * processor wrote its token entry twice per event: 30 token updates per lifecycle at {@code --rate
 * 20}.
 *
 * <p>A claim this node stored, fetched or extended less than {@code window} ago is still its own,
 * because another node takes a claim only once it is older than the claim timeout. So extending it
 * again only moves its timestamp, and is left out. {@code window} must be well below the claim
 * timeout: a tenth of it here (1 s of 10 s). Everything that gives a claim up on this node (a
 * release, a deletion, a failed call) forgets it, so the next extension goes to the store again.
 */
public final class RecentClaims implements TokenStore {
  private final TokenStore delegate;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Long> confirmed = new ConcurrentHashMap<>();

  public RecentClaims(TokenStore delegate, Duration window, LongSupplier nanoTime) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("a negative window: " + window);
    }
    this.delegate = delegate;
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
  }

  public RecentClaims(TokenStore delegate, Duration window) {
    this(delegate, window, System::nanoTime);
  }

  /** The store this one passes its calls to. */
  public TokenStore delegate() {
    return delegate;
  }

  @Override
  public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
    long now = nanoTime.getAsLong();
    Long at = confirmed.get(key(processorName, segment));
    if (at != null && now - at < windowNanos) {
      return;
    }
    confirm(
        processorName,
        segment,
        () -> {
          delegate.extendClaim(processorName, segment);
          return null;
        });
  }

  @Override
  public void storeToken(TrackingToken token, String processorName, int segment)
      throws UnableToClaimTokenException {
    confirm(
        processorName,
        segment,
        () -> {
          delegate.storeToken(token, processorName, segment);
          return null;
        });
  }

  @Override
  public TrackingToken fetchToken(String processorName, int segment)
      throws UnableToClaimTokenException {
    return confirm(processorName, segment, () -> delegate.fetchToken(processorName, segment));
  }

  @Override
  public TrackingToken fetchToken(String processorName, Segment segment)
      throws UnableToClaimTokenException {
    return confirm(
        processorName, segment.getSegmentId(), () -> delegate.fetchToken(processorName, segment));
  }

  @Override
  public void releaseClaim(String processorName, int segment) {
    confirmed.remove(key(processorName, segment));
    delegate.releaseClaim(processorName, segment);
  }

  @Override
  public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
    confirmed.remove(key(processorName, segment));
    delegate.deleteToken(processorName, segment);
  }

  @Override
  public void initializeTokenSegments(String processorName, int segmentCount)
      throws UnableToClaimTokenException {
    delegate.initializeTokenSegments(processorName, segmentCount);
  }

  @Override
  public void initializeTokenSegments(
      String processorName, int segmentCount, TrackingToken initialToken)
      throws UnableToClaimTokenException {
    delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
  }

  @Override
  public void initializeSegment(TrackingToken token, String processorName, int segment)
      throws UnableToInitializeTokenException {
    delegate.initializeSegment(token, processorName, segment);
  }

  @Override
  public boolean requiresExplicitSegmentInitialization() {
    return delegate.requiresExplicitSegmentInitialization();
  }

  @Override
  public int[] fetchSegments(String processorName) {
    return delegate.fetchSegments(processorName);
  }

  @Override
  public List<Segment> fetchAvailableSegments(String processorName) {
    return delegate.fetchAvailableSegments(processorName);
  }

  @Override
  public Optional<String> retrieveStorageIdentifier() {
    return delegate.retrieveStorageIdentifier();
  }

  /** Runs a call that claims the entry; it counts as confirmed from before the call started. */
  private <T> T confirm(String processorName, int segment, Supplier<T> call) {
    long before = nanoTime.getAsLong();
    String key = key(processorName, segment);
    try {
      T result = call.get();
      confirmed.put(key, before);
      return result;
    } catch (RuntimeException e) {
      confirmed.remove(key);
      throw e;
    }
  }

  private static String key(String processorName, int segment) {
    return processorName + '\u0000' + segment;
  }
}
