package gov.hotline.contract.workorder;

/** Where a demand came in. */
public enum Channel {
  PHONE,
  SMS,
  WEB,
  APP,
  WECHAT,
  EMAIL,
  GOV_SYSTEM
}
