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

/** Units from a catalogue file; the dispatch-catalogue issue brings editing. */
public class CatalogueUnitDirectory implements UnitDirectory {
  private final Map<String, HandlingUnit> units = new LinkedHashMap<>();

  public CatalogueUnitDirectory(List<HandlingUnit> units) {
    units.forEach(u -> this.units.put(u.id(), u));
  }

  public static CatalogueUnitDirectory load(ObjectMapper mapper, InputStream catalogue)
      throws IOException {
    return new CatalogueUnitDirectory(
        Arrays.asList(mapper.readValue(catalogue, HandlingUnit[].class)));
  }

  @Override
  public Optional<HandlingUnit> find(String id) {
    return Optional.ofNullable(units.get(id));
  }

  @Override
  public List<HandlingUnit> all() {
    return List.copyOf(units.values());
  }
}
