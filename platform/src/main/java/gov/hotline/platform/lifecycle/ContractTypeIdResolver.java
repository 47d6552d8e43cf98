package gov.hotline.platform.lifecycle;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import gov.hotline.contract.EventType;

/**
 * Names a stored contract event by its CloudEvents type ({@code gov.hotline.workorder.handled.v1}),
 * the name the catalogue keeps stable, never by a Java class name.
 */
public class ContractTypeIdResolver extends TypeIdResolverBase {

  @Override
  public String idFromValue(Object value) {
    return idFromValueAndType(value, value.getClass());
  }

  @Override
  public String idFromValueAndType(Object value, Class<?> type) {
    return EventType.ofPayload(type)
        .orElseThrow(() -> new IllegalArgumentException("not a contract event: " + type))
        .ceType();
  }

  @Override
  public JavaType typeFromId(DatabindContext context, String id) {
    EventType type =
        EventType.ofCeType(id)
            .orElseThrow(() -> new IllegalArgumentException("unknown contract event type " + id));
    return context.constructType(type.payloadType());
  }

  @Override
  public JsonTypeInfo.Id getMechanism() {
    return JsonTypeInfo.Id.CUSTOM;
  }
}
