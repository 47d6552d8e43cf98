package gov.hotline.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks payloads against the contract's JSON Schemas (draft 2020-12), which ship in this artifact
 * under {@code schemas/<ceType>.json}. Producers check every event before publishing it, tests
 * check every fixture. An empty result means valid.
 *
 * <p>The schemas are loaded from the classpath once, on first use; nothing is ever fetched over the
 * network (a schema URI is a URN, and only classpath locations may be loaded). Thread-safe.
 */
public final class ContractSchemas {

  private ContractSchemas() {}

  /** Violations of {@code payload} against the schema of {@code type}; empty when valid. */
  public static Set<String> validate(EventType type, JsonNode payload) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    return messages(Loaded.SCHEMAS.get(type).validate(payload));
  }

  /**
   * Violations of a Kafka record value against the schema named by its {@code ce_type}; empty when
   * valid. An unknown type or bytes that are not JSON are violations too, so a caller needs no
   * other check.
   */
  public static Set<String> validate(String ceType, byte[] json) {
    Objects.requireNonNull(json, "json");
    EventType type = EventType.ofCeType(ceType).orElse(null);
    if (type == null) {
      return Set.of("unknown ce_type '" + ceType + "': not in the contract's catalogue");
    }
    JsonNode payload;
    try {
      payload = ContractJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return Set.of("payload of " + ceType + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return Set.of("payload of " + ceType + " could not be read: " + e.getMessage());
    }
    if (payload == null || payload.isMissingNode()) {
      return Set.of("payload of " + ceType + " is empty");
    }
    return validate(type, payload);
  }

  /** Violations of {@code event} as {@link ContractJson#mapper()} writes it; empty when valid. */
  public static Set<String> validate(PublicEvent event) {
    Objects.requireNonNull(event, "event");
    EventType type =
        EventType.ofPayload(event.getClass())
            .orElseThrow(
                () -> new IllegalArgumentException("not a catalogued event: " + event.getClass()));
    return validate(type, ContractJson.mapper().valueToTree(event));
  }

  /**
   * The raw schema of {@code type}, for readers that inspect the contract (documentation, tests).
   */
  public static JsonNode schemaOf(EventType type) {
    return Loaded.SCHEMAS.get(Objects.requireNonNull(type, "type")).getSchemaNode().deepCopy();
  }

  private static Set<String> messages(Set<ValidationMessage> violations) {
    if (violations.isEmpty()) {
      return Set.of();
    }
    Set<String> result = new LinkedHashSet<>();
    violations.forEach(v -> result.add(v.getMessage()));
    return Collections.unmodifiableSet(result);
  }

  /** Holder: the schemas load when first needed, once, with the JVM's class-init guarantees. */
  private static final class Loaded {
    static final Map<EventType, JsonSchema> SCHEMAS = load();

    private static Map<EventType, JsonSchema> load() {
      // The validator reads classpath: locations through the context class loader, which on a
      // pool thread of a Spring Boot fat jar may not see this jar; use the contract's own loader.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(ContractSchemas.class.getClassLoader());
      try {
        return loadAll();
      } finally {
        thread.setContextClassLoader(previous);
      }
    }

    private static Map<EventType, JsonSchema> loadAll() {
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              builder ->
                  builder
                      // urn:gov:hotline:schema:<ceType> -> classpath:schemas/<ceType>.json
                      .schemaMappers(
                          mappers ->
                              mappers.add(
                                  iri ->
                                      iri.toString().startsWith(EventType.SCHEMA_URI_PREFIX)
                                          ? classpathLocation(iri)
                                          : null))
                      // never the network; the meta-schemas ship inside the validator
                      .schemaLoaders(
                          loaders ->
                              loaders.add(
                                  new AllowSchemaLoader(
                                      iri ->
                                          "classpath".equals(iri.getScheme())
                                              || "resource".equals(iri.getScheme())))));
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder()
              .formatAssertionsEnabled(true)
              .pathType(PathType.JSON_PATH)
              .build();
      Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);
      for (EventType type : EventType.values()) {
        if (ContractSchemas.class.getResource(type.schemaResource()) == null) {
          throw new IllegalStateException(
              "no JSON Schema for " + type.ceType() + ": add " + type.schemaResource());
        }
        JsonSchema schema =
            factory.getSchema(SchemaLocation.of(type.dataSchema().toString()), config);
        String id = schema.getSchemaNode().path("$id").asText();
        if (!type.dataSchema().toString().equals(id)) {
          throw new IllegalStateException(
              type.schemaResource() + " has $id '" + id + "', expected " + type.dataSchema());
        }
        schema.initializeValidators(); // resolves every $ref now, not on a consumer's thread
        schemas.put(type, schema);
      }
      return Collections.unmodifiableMap(schemas);
    }

    private static AbsoluteIri classpathLocation(AbsoluteIri urn) {
      String name = urn.toString().substring(EventType.SCHEMA_URI_PREFIX.length());
      return AbsoluteIri.of("classpath:schemas/" + name + ".json");
    }
  }
}
