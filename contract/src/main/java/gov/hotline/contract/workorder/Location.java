package gov.hotline.contract.workorder;

/** Where the matter is: an address, its administrative division code, optional coordinates. */
public record Location(String address, String divisionCode, Double lat, Double lon) {}
