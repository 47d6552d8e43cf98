package gov.hotline.platform.lifecycle;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import gov.hotline.contract.workorder.WorkOrderEvent;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Service-internal, never published: a step of another service entered this service's history of
 * the order, as it stood on the topic. The step is stored whole (with its contract type name), so
 * the aggregate and every view fold the same events the topic carried.
 */
@Revision("2")
public record StepObserved(
    UUID orderId,
    String sourceEventId,
    @JsonTypeInfo(
            use = JsonTypeInfo.Id.CUSTOM,
            include = JsonTypeInfo.As.PROPERTY,
            property = "ceType")
        @JsonTypeIdResolver(ContractTypeIdResolver.class)
        WorkOrderEvent step) {}
