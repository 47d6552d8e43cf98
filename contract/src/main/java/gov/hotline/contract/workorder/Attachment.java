package gov.hotline.contract.workorder;

/** A file that belongs to a step, by id and content hash (the bytes travel elsewhere). */
public record Attachment(String id, String sha256, String mediaType) {}
