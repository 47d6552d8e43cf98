package gov.hotline.dispatch.unit;

import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.contract.workorder.HandlingUnit;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handling units dispatch may route to, from city departments down to communities. Loaded from
 * a catalogue file; the dispatch-catalogue issue brings editing and routing rules.
 */
public class UnitDirectory {
  private final Map<String, HandlingUnit> units = new LinkedHashMap<>();

  public UnitDirectory(List<HandlingUnit> units) {
    units.forEach(u -> this.units.put(u.id(), u));
  }

  public static UnitDirectory load(ObjectMapper mapper, InputStream catalogue) throws IOException {
    return new UnitDirectory(Arrays.asList(mapper.readValue(catalogue, HandlingUnit[].class)));
  }

  public Optional<HandlingUnit> find(String id) {
    return Optional.ofNullable(units.get(id));
  }

  public List<HandlingUnit> all() {
    return List.copyOf(units.values());
  }
}
