package gov.hotline.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.DataType;

/**
 * The H2 collection, with one change: documents found through an index are read in the same order a
 * full scan reads them (the data map's key order, or its reverse for {@code $natural: -1}), so that
 * a query returns exactly what it returned without the index, ties in the sort order included.
 */
final class IndexedH2Collection extends H2Collection {

  private final DataType<Object> keyType;

  IndexedH2Collection(
      MongoDatabase database,
      String collectionName,
      CollectionOptions options,
      MVMap<Object, Document> dataMap,
      MVMap<String, Object> metaMap,
      CursorRegistry cursorRegistry) {
    super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    this.keyType = dataMap.getKeyType();
  }

  String idField() {
    return getIdField();
  }

  void forEachDocument(BiConsumer<Document, Object> action) {
    try (var documents = streamAllDocumentsWithPosition()) {
      documents.forEach(d -> action.accept(d.getDocument(), d.getPosition()));
    }
  }

  @Override
  protected QueryResult matchDocuments(
      Document query,
      Iterable<Object> positions,
      Document orderBy,
      int numberToSkip,
      int limit,
      int batchSize,
      Document fieldSelector) {
    List<Object> ordered = new ArrayList<>();
    positions.forEach(ordered::add);
    if (isNaturalDescending(orderBy)) {
      ordered.sort(ValueComparator.desc());
    } else {
      ordered.sort(keyType::compare);
    }
    return super.matchDocuments(
        query, ordered, orderBy, numberToSkip, limit, batchSize, fieldSelector);
  }
}
