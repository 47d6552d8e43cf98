package gov.hotline.dispatch.unit;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.DISPATCHER;
import static gov.hotline.contract.ActorRole.OPERATOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;
import static gov.hotline.contract.ActorRole.UNIT_HANDLER;

import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.platform.web.Allowed;
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
  @Allowed({OPERATOR, DISPATCHER, UNIT_HANDLER, SUPERVISOR, AUDITOR})
  List<HandlingUnit> units() {
    return directory.all();
  }
}
