package gov.hotline.embedded;

import de.bwaldvogel.mongo.bson.Document;

/**
 * An index with an in-memory part that is rebuilt from the stored documents when a store is opened;
 * {@link IndexedH2Database} feeds all of a collection's indexes in one pass.
 */
interface RebuiltIndex {

  /** Called before the collection registers the index: it must not fill itself. */
  void startRebuild();

  void rebuildEntry(Document document, Object position);

  void finishRebuild();
}
