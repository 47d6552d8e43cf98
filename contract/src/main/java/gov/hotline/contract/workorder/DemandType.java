package gov.hotline.contract.workorder;

/** 咨询 求助 投诉 举报 建议 表扬. */
public enum DemandType {
  CONSULTATION,
  HELP,
  COMPLAINT,
  REPORT,
  SUGGESTION,
  PRAISE
}
