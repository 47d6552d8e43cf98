package gov.hotline.contract.workorder;

public enum CallbackChannel {
  PHONE,
  SMS_LINK,
  APP
}
