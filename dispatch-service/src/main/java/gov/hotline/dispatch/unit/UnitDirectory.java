package gov.hotline.dispatch.unit;

import gov.hotline.contract.workorder.HandlingUnit;
import java.util.List;
import java.util.Optional;

/**
 * The handling units dispatch may route to, from city departments down to communities. The dispatch
 * handler resolves unit ids through it, so an edited catalogue or routing rules drop in without
 * touching the handler or the controllers.
 */
public interface UnitDirectory {
  Optional<HandlingUnit> find(String id);

  List<HandlingUnit> all();
}
