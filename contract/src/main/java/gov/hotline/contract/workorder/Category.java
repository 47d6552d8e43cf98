package gov.hotline.contract.workorder;

import java.util.List;

/** A category of the hotline's catalogue: its code and the path of names from the root. */
public record Category(String code, List<String> path) {
  public Category {
    path = path == null ? List.of() : List.copyOf(path);
  }
}
