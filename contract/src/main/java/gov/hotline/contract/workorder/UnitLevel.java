package gov.hotline.contract.workorder;

/** The administrative level of a handling unit, from city departments down to communities. */
public enum UnitLevel {
  CITY_DEPARTMENT,
  DISTRICT,
  STREET,
  COMMUNITY,
  ENTERPRISE
}
