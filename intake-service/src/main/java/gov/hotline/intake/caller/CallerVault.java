package gov.hotline.intake.caller;

import gov.hotline.contract.workorder.CallerRef;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The only place a caller's phone number and name are kept: intake's own {@code callers}
 * collection. Everything that leaves intake names the caller by {@link CallerRef}: an HMAC of the
 * normalised number under a configured key (stable, so repeat callers can be linked, but not
 * reversible without the key) and a masked number.
 */
public class CallerVault {
  static final String COLLECTION = "callers";
  private final byte[] key;
  private final MongoTemplate mongo;
  private final Clock clock;

  public CallerVault(String base64Key, MongoTemplate mongo, Clock clock) {
    if (base64Key == null || base64Key.isBlank()) {
      throw new IllegalStateException(
          "hotline.caller.key (HOTLINE_CALLER_KEY) must hold a base64 HMAC key");
    }
    this.key = Base64.getDecoder().decode(base64Key.trim());
    if (key.length < 16) {
      throw new IllegalStateException("hotline.caller.key must be at least 16 bytes");
    }
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Keeps the caller's details and returns what may be published about them. */
  public CallerRef register(String phone, String name, boolean anonymous, boolean confidential) {
    if (phone == null || phone.isBlank()) {
      return new CallerRef(null, null, anonymous, confidential);
    }
    String normalised = normalise(phone);
    String ref = hmac(normalised);
    Document details =
        new Document("phone", normalised)
            .append("lastSeenAt", java.util.Date.from(clock.instant()));
    if (name != null && !name.isBlank()) {
      details.append("name", name.trim());
    }
    mongo
        .getCollection(COLLECTION)
        .updateOne(
            new Document("_id", ref),
            new Document("$set", details),
            new com.mongodb.client.model.UpdateOptions().upsert(true));
    return new CallerRef(ref, mask(normalised), anonymous, confidential);
  }

  /** Digits only, without the Chinese country code, so one number has one reference. */
  public static String normalise(String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.startsWith("0086")) {
      digits = digits.substring(4);
    } else if (digits.startsWith("86") && digits.length() == 13) {
      digits = digits.substring(2);
    }
    return digits;
  }

  /** {@code 13800138000} → {@code 138****8000}; short numbers keep only their last two digits. */
  public static String mask(String digits) {
    if (digits.length() >= 11) {
      return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }
    if (digits.length() <= 2) {
      return "*".repeat(digits.length());
    }
    return "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
  }

  String hmac(String normalised) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
