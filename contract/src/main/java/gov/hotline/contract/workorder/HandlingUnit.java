package gov.hotline.contract.workorder;

/** A handling unit (承办单位). */
public record HandlingUnit(String id, String name, UnitLevel level) {}
