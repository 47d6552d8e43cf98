package gov.hotline.contract.workorder;

/** How intake resolved a demand: a work order, or a direct answer from the knowledge base. */
public enum Resolution {
  WORK_ORDER,
  DIRECT_ANSWER
}
