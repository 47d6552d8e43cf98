package gov.hotline.contract.knowledge;

/** 法律法规 政策文件 服务指南 职能职责 公共服务信息 紧急临时信息. */
public enum ArticleKind {
  LAW,
  POLICY,
  SERVICE_GUIDE,
  UNIT_DUTY,
  PUBLIC_INFO,
  URGENT_NOTICE
}
