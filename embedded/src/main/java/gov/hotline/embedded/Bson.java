package gov.hotline.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Documents and keys as BSON bytes, with mongo-java-server's own wire codec: what the store keeps
 * in memory and writes to its file. A stored document is immutable bytes, so every read decodes a
 * private copy that the caller may change (mongo-java-server updates documents in place).
 */
final class Bson {

  private static final String KEY = "k";

  /** One reusable encoding buffer per thread (netty workers, the store's threads). */
  private static final ThreadLocal<ByteBuf> BUFFERS =
      ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

  private Bson() {}

  static byte[] encode(Document document) {
    ByteBuf buffer = BUFFERS.get();
    buffer.clear();
    BsonEncoder.encodeDocument(document, buffer);
    byte[] bytes = new byte[buffer.writerIndex()];
    buffer.getBytes(0, bytes);
    if (buffer.capacity() > 1 << 20) {
      BUFFERS.remove(); // do not keep a huge buffer for the thread's lifetime
    }
    return bytes;
  }

  static Document decode(byte[] bytes) {
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
  }

  /** A map key (a document id, {@link Missing} for none) as the BSON document {@code {k: key}}. */
  static byte[] encodeKey(Object key) {
    return encode(key instanceof Missing ? new Document() : new Document(KEY, key));
  }

  static Object decodeKey(byte[] bytes) {
    return decode(bytes).getOrMissing(KEY);
  }
}
