package gov.hotline.dispatch.unit;

import gov.hotline.contract.workorder.HandlingUnit;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UnitController {
  private final UnitDirectory directory;

  UnitController(UnitDirectory directory) {
    this.directory = directory;
  }

  /** The units an order can be dispatched to. */
  @GetMapping("/units")
  List<HandlingUnit> units() {
    return directory.all();
  }
}
