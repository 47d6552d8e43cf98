package gov.hotline.contract;

import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.contract.workorder.Attachment;
import gov.hotline.contract.workorder.CallbackChannel;
import gov.hotline.contract.workorder.CallerRef;
import gov.hotline.contract.workorder.Category;
import gov.hotline.contract.workorder.Channel;
import gov.hotline.contract.workorder.DeadlineBasis;
import gov.hotline.contract.workorder.DemandType;
import gov.hotline.contract.workorder.HandlingOutcome;
import gov.hotline.contract.workorder.HandlingUnit;
import gov.hotline.contract.workorder.Location;
import gov.hotline.contract.workorder.Resolution;
import gov.hotline.contract.workorder.RevisitOutcome;
import gov.hotline.contract.workorder.Routing;
import gov.hotline.contract.workorder.RoutingMode;
import gov.hotline.contract.workorder.Satisfaction;
import gov.hotline.contract.workorder.UnitLevel;
import gov.hotline.contract.workorder.Urgency;
import gov.hotline.contract.workorder.Verdict;
import gov.hotline.contract.workorder.WorkOrderAudited;
import gov.hotline.contract.workorder.WorkOrderDispatched;
import gov.hotline.contract.workorder.WorkOrderHandled;
import gov.hotline.contract.workorder.WorkOrderReceived;
import gov.hotline.contract.workorder.WorkOrderRevisited;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One sample of each public event type with fixed values: a {@link #full} one where every field has
 * a value (these are the approved JSON snapshots, the contract's examples), and a {@link #minimal}
 * one with only what every event of the type always carries.
 */
public final class SampleEvents {

  public static final UUID ORDER_ID = UUID.fromString("0b6f4a4e-2c1d-4f7e-9a53-6d2e8c1f0a01");
  public static final String ORDER_NUMBER = "20261124000001";

  /** A second order, answered directly at intake: the full Received sample. */
  public static final UUID ANSWERED_ORDER_ID =
      UUID.fromString("0b6f4a4e-2c1d-4f7e-9a53-6d2e8c1f0a02");

  public static final String ANSWERED_ORDER_NUMBER = "20261124000002";
  public static final UUID ARTICLE_ID = UUID.fromString("7d3c9e1a-58b2-4c6f-8e0d-2f4a6b8c0d02");
  public static final String CALLER_REF =
      "7c210e4519d529cfa2f52cde9f2cba7b2b99a2b25769227f5aa651904be8f91c";

  static final Instant RECEIVED_AT = Instant.parse("2026-11-24T01:30:00Z");
  static final Instant DISPATCHED_AT = Instant.parse("2026-11-24T02:05:00Z");
  static final Instant DUE_AT = Instant.parse("2026-12-08T09:59:59Z");
  static final Instant HANDLED_AT = Instant.parse("2026-11-27T07:40:00Z");
  static final Instant AUDITED_AT = Instant.parse("2026-11-27T09:15:00Z");
  static final Instant REVISITED_AT = Instant.parse("2026-11-30T03:00:00Z");
  static final Instant DRAFTED_AT = Instant.parse("2026-11-01T02:00:00Z");
  static final Instant PUBLISHED_AT = Instant.parse("2026-11-02T06:30:00Z");
  static final Instant RETIRED_AT = Instant.parse("2027-01-05T08:00:00Z");

  static final HandlingUnit HOUSING_BUREAU =
      new HandlingUnit("unit-340100-housing", "合肥市住房和城乡建设局", UnitLevel.CITY_DEPARTMENT);
  static final HandlingUnit DAOXIANGCUN_STREET =
      new HandlingUnit("unit-340104001", "蜀山区稻香村街道办事处", UnitLevel.STREET);
  static final HandlingUnit ELEVATOR_COMPANY =
      new HandlingUnit("unit-ent-0042", "合肥市特种设备检测院", UnitLevel.ENTERPRISE);

  private static final Map<EventType, PublicEvent> FULL = new EnumMap<>(EventType.class);
  private static final Map<EventType, PublicEvent> MINIMAL = new EnumMap<>(EventType.class);

  static {
    FULL.put(
        EventType.WORKORDER_RECEIVED,
        new WorkOrderReceived(
            ANSWERED_ORDER_ID,
            ANSWERED_ORDER_NUMBER,
            RECEIVED_AT,
            new Actor(ActorRole.OPERATOR, "op-0042", "unit-12345-center", null),
            1,
            Channel.PHONE,
            DemandType.CONSULTATION,
            new Category("0203", List.of("城乡建设", "物业管理", "加装电梯")),
            Urgency.NORMAL,
            "咨询老旧小区加装电梯补贴",
            "来电人咨询所住老旧小区加装电梯的补贴标准和申请流程。",
            new Location("蜀山区稻香村街道翠竹园小区 6 栋", "340104001", 31.8612, 117.2544),
            new CallerRef(CALLER_REF, "138****5678", false, false),
            List.of(
                new Attachment(
                    "att-0001",
                    "6b9af93708359b3140cbedbdecb4622d937c5e13be6248a13fc166cbdf5d74a5",
                    "image/jpeg")),
            Resolution.DIRECT_ANSWER,
            ARTICLE_ID));
    FULL.put(
        EventType.WORKORDER_DISPATCHED,
        new WorkOrderDispatched(
            ORDER_ID,
            ORDER_NUMBER,
            DISPATCHED_AT,
            Actor.system("dispatch-routing"),
            1,
            DAOXIANGCUN_STREET,
            List.of(HOUSING_BUREAU, ELEVATOR_COMPANY),
            new Routing(RoutingMode.RULE, "rule-0203-340104"),
            DUE_AT,
            new DeadlineBasis(10, "weekdays"),
            "原承办单位退回：不属于本单位职责"));
    FULL.put(
        EventType.WORKORDER_HANDLED,
        new WorkOrderHandled(
            ORDER_ID,
            ORDER_NUMBER,
            HANDLED_AT,
            new Actor(ActorRole.UNIT_HANDLER, "u-7781", DAOXIANGCUN_STREET.id(), null),
            1,
            DAOXIANGCUN_STREET,
            HandlingOutcome.RESOLVED,
            "已联系物业公司，本周内修复 6 栋电梯，并向来电人说明补贴申请流程。",
            "现场查看、约谈物业公司、电梯维保单位当日到场维修。",
            List.of(
                new Attachment(
                    "ev-0001",
                    "f08d256aa75518620f5814c1ab6639876b8d3dc50028bc567ba3c4c39c225712",
                    "image/jpeg"))));
    FULL.put(
        EventType.WORKORDER_AUDITED,
        new WorkOrderAudited(
            ORDER_ID,
            ORDER_NUMBER,
            AUDITED_AT,
            new Actor(ActorRole.SUPERVISOR, "sv-0007", "unit-12345-center", null),
            1,
            Verdict.REJECTED,
            "现场照片未显示电梯已修复，请补充证据。"));
    FULL.put(
        EventType.WORKORDER_REVISITED,
        new WorkOrderRevisited(
            ORDER_ID,
            ORDER_NUMBER,
            REVISITED_AT,
            new Actor(ActorRole.OPERATOR, "op-0108", "unit-12345-center", null),
            2,
            true,
            1,
            Satisfaction.SATISFIED,
            true,
            CallbackChannel.PHONE,
            RevisitOutcome.CLOSED));
    FULL.put(
        EventType.ARTICLE_DRAFTED,
        new ArticleDrafted(
            ARTICLE_ID,
            DRAFTED_AT,
            new Actor(ActorRole.EDITOR, "ed-0003", "unit-12345-center", null),
            ArticleKind.POLICY,
            "老旧小区加装电梯补贴政策",
            "既有多层住宅加装电梯，每台补贴 20 万元；由业主向所在街道提出申请。",
            List.of("加装电梯", "补贴", "老旧小区"),
            List.of("0203"),
            "合肥市住房和城乡建设局",
            Instant.parse("2027-12-31T15:59:59Z")));
    FULL.put(
        EventType.ARTICLE_PUBLISHED,
        new ArticlePublished(
            ARTICLE_ID,
            PUBLISHED_AT,
            new Actor(ActorRole.EDITOR, "ed-0001", "unit-12345-center", null),
            "老旧小区加装电梯补贴政策"));
    FULL.put(
        EventType.ARTICLE_RETIRED,
        new ArticleRetired(
            ARTICLE_ID,
            RETIRED_AT,
            new Actor(ActorRole.EDITOR, "ed-0001", "unit-12345-center", null),
            "被 2027 年新政策替代"));

    MINIMAL.put(
        EventType.WORKORDER_RECEIVED,
        new WorkOrderReceived(
            ORDER_ID,
            ORDER_NUMBER,
            RECEIVED_AT,
            new Actor(ActorRole.OPERATOR, null, null, null),
            1,
            Channel.WEB,
            DemandType.COMPLAINT,
            new Category("0301", List.of("环境保护")),
            Urgency.NORMAL,
            "夜间施工噪音扰民",
            "工地每晚 23 点后仍在施工。",
            null,
            new CallerRef(null, null, true, false),
            null,
            Resolution.WORK_ORDER,
            null));
    MINIMAL.put(
        EventType.WORKORDER_DISPATCHED,
        new WorkOrderDispatched(
            ORDER_ID,
            ORDER_NUMBER,
            DISPATCHED_AT,
            new Actor(ActorRole.DISPATCHER, null, null, null),
            1,
            DAOXIANGCUN_STREET,
            null,
            new Routing(RoutingMode.MANUAL, null),
            DUE_AT,
            new DeadlineBasis(null, null),
            null));
    MINIMAL.put(
        EventType.WORKORDER_HANDLED,
        new WorkOrderHandled(
            ORDER_ID,
            ORDER_NUMBER,
            HANDLED_AT,
            new Actor(ActorRole.UNIT_HANDLER, null, DAOXIANGCUN_STREET.id(), null),
            1,
            DAOXIANGCUN_STREET,
            HandlingOutcome.EXPLAINED,
            "已向来电人解释。",
            null,
            null));
    MINIMAL.put(
        EventType.WORKORDER_AUDITED,
        new WorkOrderAudited(
            ORDER_ID,
            ORDER_NUMBER,
            AUDITED_AT,
            new Actor(ActorRole.SUPERVISOR, null, null, null),
            1,
            Verdict.APPROVED,
            null));
    MINIMAL.put(
        EventType.WORKORDER_REVISITED,
        new WorkOrderRevisited(
            ORDER_ID,
            ORDER_NUMBER,
            REVISITED_AT,
            Actor.system("callback-scheduler"),
            1,
            false,
            3,
            null,
            null,
            CallbackChannel.PHONE,
            RevisitOutcome.CLOSED_UNREACHABLE));
    MINIMAL.put(
        EventType.ARTICLE_DRAFTED,
        new ArticleDrafted(
            ARTICLE_ID,
            DRAFTED_AT,
            new Actor(ActorRole.EDITOR, null, null, null),
            ArticleKind.SERVICE_GUIDE,
            "居住证办理指南",
            "携带身份证和居住证明到社区服务中心办理。",
            null,
            null,
            null,
            null));
    MINIMAL.put(
        EventType.ARTICLE_PUBLISHED,
        new ArticlePublished(
            ARTICLE_ID, PUBLISHED_AT, new Actor(ActorRole.EDITOR, null, null, null), "居住证办理指南"));
    MINIMAL.put(
        EventType.ARTICLE_RETIRED,
        new ArticleRetired(
            ARTICLE_ID, RETIRED_AT, new Actor(ActorRole.EDITOR, null, null, null), "已过期"));
  }

  private SampleEvents() {}

  /** The sample of {@code type} where every field has a value. */
  public static PublicEvent full(EventType type) {
    return sample(FULL, type, "full");
  }

  /** The sample of {@code type} with only the fields every event of the type carries. */
  public static PublicEvent minimal(EventType type) {
    return sample(MINIMAL, type, "minimal");
  }

  /** A new catalogued type fails here, by name, until it has its samples. */
  private static PublicEvent sample(
      Map<EventType, PublicEvent> samples, EventType type, String kind) {
    PublicEvent sample = samples.get(type);
    if (sample == null) {
      throw new IllegalStateException("SampleEvents has no " + kind + " sample of " + type);
    }
    return sample;
  }

  /** Every sample, full and minimal, as (label, type, event) test arguments. */
  public static Stream<Arguments> all() {
    return Stream.of(EventType.values())
        .flatMap(
            type ->
                Stream.of(
                    Arguments.of("full", type, full(type)),
                    Arguments.of("minimal", type, minimal(type))));
  }

  /** The full samples, as (type, event) test arguments. */
  public static Stream<Arguments> fullSamples() {
    return Stream.of(EventType.values()).map(type -> Arguments.of(type, full(type)));
  }
}
