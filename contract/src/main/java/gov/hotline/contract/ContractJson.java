package gov.hotline.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one way public payloads are written and read: ISO-8601 instants, absent optional fields left
 * out, unknown fields ignored (so a reader survives an added optional field).
 */
public final class ContractJson {
  private static final ObjectMapper MAPPER = configure(new ObjectMapper());

  private ContractJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }
}
