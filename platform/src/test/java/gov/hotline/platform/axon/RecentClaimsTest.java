package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.junit.jupiter.api.Test;

class RecentClaimsTest {
  private static final long MS = 1_000_000;
  private static final TrackingToken TOKEN = new GlobalSequenceTrackingToken(7);

  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final Recording store = new Recording();
  private final RecentClaims claims = new RecentClaims(store, Duration.ofSeconds(1), now::get);

  @Test
  void an_extension_right_after_this_node_stored_the_token_is_left_out() {
    claims.storeToken(TOKEN, "relay", 0);
    now.addAndGet(50 * MS);
    claims.extendClaim("relay", 0);
    claims.extendClaim("relay", 0);

    assertThat(store.calls).containsExactly("store relay/0");
  }

  @Test
  void an_extension_after_the_window_goes_to_the_store_and_counts_as_a_new_confirmation() {
    claims.storeToken(TOKEN, "relay", 0);
    now.addAndGet(1_000 * MS);
    claims.extendClaim("relay", 0);
    now.addAndGet(500 * MS);
    claims.extendClaim("relay", 0);

    assertThat(store.calls).containsExactly("store relay/0", "extend relay/0");
  }

  @Test
  void a_fetched_claim_is_confirmed_too_and_each_segment_counts_on_its_own() {
    claims.fetchToken("view", 1);
    claims.extendClaim("view", 1);
    claims.extendClaim("view", 0);
    claims.extendClaim("relay", 1);

    assertThat(store.calls).containsExactly("fetch view/1", "extend view/0", "extend relay/1");
  }

  @Test
  void a_released_or_deleted_claim_is_forgotten() {
    claims.storeToken(TOKEN, "relay", 0);
    claims.releaseClaim("relay", 0);
    claims.extendClaim("relay", 0);
    claims.storeToken(TOKEN, "relay", 1);
    claims.deleteToken("relay", 1);
    claims.extendClaim("relay", 1);

    assertThat(store.calls)
        .containsExactly(
            "store relay/0",
            "release relay/0",
            "extend relay/0",
            "store relay/1",
            "delete relay/1",
            "extend relay/1");
  }

  @Test
  void a_failed_call_forgets_the_claim_and_passes_the_failure_on() {
    claims.storeToken(TOKEN, "relay", 0);
    store.failing = true;
    now.addAndGet(2_000 * MS);
    assertThatThrownBy(() -> claims.extendClaim("relay", 0))
        .isInstanceOf(UnableToClaimTokenException.class);
    store.failing = false;
    claims.extendClaim("relay", 0);

    assertThat(store.calls).containsExactly("store relay/0", "extend relay/0", "extend relay/0");
  }

  @Test
  void a_claim_confirmed_before_a_failed_store_is_not_trusted_afterwards() {
    claims.extendClaim("relay", 0);
    store.failing = true;
    assertThatThrownBy(() -> claims.storeToken(TOKEN, "relay", 0))
        .isInstanceOf(UnableToClaimTokenException.class);
    store.failing = false;
    claims.extendClaim("relay", 0);

    assertThat(store.calls).containsExactly("extend relay/0", "store relay/0", "extend relay/0");
  }

  /** Records the calls that reach the store; fails claims while {@code failing}. */
  private static final class Recording implements TokenStore {
    final List<String> calls = new ArrayList<>();
    boolean failing;

    private void call(String what, String name, int segment) {
      calls.add(what + " " + name + "/" + segment);
      if (failing) {
        throw new UnableToClaimTokenException("claimed by another node");
      }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
      call("store", processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
      call("fetch", processorName, segment);
      return TOKEN;
    }

    @Override
    public void extendClaim(String processorName, int segment) {
      call("extend", processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
      call("release", processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
      call("delete", processorName, segment);
    }

    @Override
    public int[] fetchSegments(String processorName) {
      return new int[] {0};
    }
  }
}
