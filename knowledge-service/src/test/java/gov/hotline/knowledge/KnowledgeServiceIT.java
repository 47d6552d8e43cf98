package gov.hotline.knowledge;

import static gov.hotline.testsupport.ContractAssertions.assertPublished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.api.client.ApiException;
import gov.hotline.api.client.HotlineClient;
import gov.hotline.api.client.HotlineClient.Actor;
import gov.hotline.api.client.HotlineClient.Endpoints;
import gov.hotline.api.client.Problem;
import gov.hotline.api.client.RetryPolicy;
import gov.hotline.api.knowledge.ArticleDetails;
import gov.hotline.api.knowledge.ArticleState;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.ArticleSummary;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.api.knowledge.RetireArticleRequest;
import gov.hotline.contract.Topics;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.testsupport.EmbeddedInfrastructure;
import gov.hotline.testsupport.OnEmbeddedInfrastructure;
import gov.hotline.testsupport.TopicClient;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The knowledge service as it runs: HTTP in, Axon on the Mongo-compatible server, the relay out to
 * a real Kafka broker, read back as CloudEvents the way another system would.
 */
@OnEmbeddedInfrastructure
@SpringBootTest(
    classes = KnowledgeApplication.class,
    properties = "spring.config.name=knowledge-service",
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class KnowledgeServiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Actor EDITOR = Actor.editor("editor-1");
  private static final Actor OPERATOR = Actor.operator("operator-1");

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  private final TopicClient topics = EmbeddedInfrastructure.topics();

  @Test
  void an_editor_drafts_publishes_and_retires_an_article_and_the_topic_tells_each_step() {
    DraftArticleRequest guide =
        new DraftArticleRequest(
            ArticleKind.SERVICE_GUIDE,
            "  How to apply for a residence permit ",
            "Bring your ID card and your lease to the street office.",
            List.of("residence", "permit", "residence"),
            List.of("PUBLIC_SECURITY.RESIDENCE"),
            "City Public Security Bureau",
            Instant.parse("2027-12-31T16:00:00Z"));
    // the status and Location header, which the client does not show; the body is the api record
    ResponseEntity<ArticleState> drafted =
        http.exchange(
            "/articles",
            HttpMethod.POST,
            new HttpEntity<>(guide, headers(EDITOR)),
            ArticleState.class);
    assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(drafted.getBody().status()).isEqualTo(ArticleStatus.DRAFT);
    UUID articleId = drafted.getBody().articleId();
    assertThat(drafted.getHeaders().getLocation()).isEqualTo(URI.create("/articles/" + articleId));

    ArticleDetails draft = awaitArticle(articleId, EDITOR, ArticleStatus.DRAFT);
    assertThat(draft.title()).isEqualTo("How to apply for a residence permit");
    assertThat(draft.kind()).isEqualTo(ArticleKind.SERVICE_GUIDE);
    assertThat(draft.tags()).containsExactly("residence", "permit");
    // operators never see a draft
    assertThat(as(OPERATOR).findArticle(articleId)).isEmpty();

    ArticleState published = as(EDITOR).publishArticle(articleId);
    assertThat(published).isEqualTo(new ArticleState(articleId, ArticleStatus.PUBLISHED));
    assertThat(awaitArticle(articleId, OPERATOR, ArticleStatus.PUBLISHED).publishedAt())
        .isNotNull();
    assertThat(as(OPERATOR).articles(ArticleStatus.PUBLISHED, 100).articles())
        .extracting(ArticleSummary::articleId)
        .contains(articleId);
    // a list leaves the text out of its JSON, not only out of the client's record
    JsonNode list = json(get("/articles?status=PUBLISHED&limit=100", OPERATOR));
    assertThat(list.path("articles").get(0).has("body")).isFalse();

    ArticleState retired =
        as(EDITOR).retireArticle(articleId, new RetireArticleRequest("replaced by the 2027 guide"));
    assertThat(retired.status()).isEqualTo(ArticleStatus.RETIRED);
    ArticleDetails gone =
        awaitArticle(articleId, Actor.supervisor("supervisor-1"), ArticleStatus.RETIRED);
    assertThat(gone.retireReason()).isEqualTo("replaced by the 2027 guide");

    List<CloudEvent> events = topics.awaitEvents(Topics.KNOWLEDGE_ARTICLE, articleId.toString(), 3);
    assertThat(events).hasSize(3);
    assertThat(events.stream().map(CloudEvent::getId).collect(Collectors.toSet())).hasSize(3);
    String source = "/hotline/knowledge";
    ArticleDrafted onTopic = assertPublished(events.get(0), ArticleDrafted.class, source);
    assertThat(onTopic.articleId()).isEqualTo(articleId);
    assertThat(onTopic.kind()).isEqualTo(ArticleKind.SERVICE_GUIDE);
    assertThat(onTopic.title()).isEqualTo("How to apply for a residence permit");
    assertThat(onTopic.tags()).containsExactly("residence", "permit");
    assertThat(onTopic.actor().userId()).isEqualTo("editor-1");
    assertThat(assertPublished(events.get(1), ArticlePublished.class, source).title())
        .isEqualTo("How to apply for a residence permit");
    assertThat(assertPublished(events.get(2), ArticleRetired.class, source).reason())
        .isEqualTo("replaced by the 2027 guide");
  }

  @Test
  void bad_input_is_a_problem_that_names_the_field() {
    assertRefused(
        () -> as(EDITOR).draftArticle(DraftArticleRequest.of(ArticleKind.LAW, null, "text")),
        400,
        "invalid-field",
        "title");
    assertRefused(
        () ->
            as(EDITOR).draftArticle(DraftArticleRequest.of(ArticleKind.LAW, "x".repeat(201), "b")),
        400,
        "invalid-field",
        "title");

    UUID articleId = draftArticle();
    assertRefused(
        () -> as(EDITOR).retireArticle(articleId, new RetireArticleRequest(null)),
        400,
        "invalid-field",
        "reason");
    assertRefused(() -> as(EDITOR).articles(null, 101), 400, "invalid-field", "limit");

    // malformed input no api record can express: a kind and a status that do not exist
    ResponseEntity<String> unknownKind =
        post("/articles", EDITOR, "{\"kind\": \"GOSSIP\", \"title\": \"t\", \"body\": \"b\"}");
    assertProblem(unknownKind, HttpStatus.BAD_REQUEST, "unreadable-body");
    assertThat(fields(unknownKind)).containsExactly("kind");

    ResponseEntity<String> noSuchStatus = get("/articles?status=LOST", EDITOR);
    assertProblem(noSuchStatus, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(noSuchStatus)).containsExactly("status");
  }

  @Test
  void only_editors_write_and_every_request_names_its_actor() {
    DraftArticleRequest law = DraftArticleRequest.of(ArticleKind.LAW, "t", "b");
    assertRefused(() -> as(OPERATOR).draftArticle(law), 403, "forbidden");
    assertRefused(() -> as(null).draftArticle(law), 400, "invalid-actor", "X-Actor-Role");
    assertRefused(() -> as(OPERATOR).articles(ArticleStatus.DRAFT, null), 403, "forbidden");
    assertRefused(
        () -> as(Actor.unitHandler("handler-1", "unit-9")).articles(null, null), 403, "forbidden");
  }

  @Test
  void a_command_the_article_state_does_not_allow_is_a_conflict() {
    UUID articleId = draftArticle();
    assertThat(as(EDITOR).publishArticle(articleId).status()).isEqualTo(ArticleStatus.PUBLISHED);
    assertRefused(() -> as(EDITOR).publishArticle(articleId), 409, "article-already-published");

    RetireArticleRequest retire = new RetireArticleRequest("wrong");
    assertThat(as(EDITOR).retireArticle(articleId, retire).status())
        .isEqualTo(ArticleStatus.RETIRED);
    assertRefused(
        () -> as(EDITOR).retireArticle(articleId, retire), 409, "article-already-retired");
    assertRefused(() -> as(EDITOR).publishArticle(articleId), 409, "article-retired");
  }

  @Test
  void an_unknown_article_is_not_found() {
    UUID unknown = UUID.randomUUID();
    assertRefused(() -> as(EDITOR).article(unknown), 404, "not-found");
    assertRefused(() -> as(EDITOR).publishArticle(unknown), 404, "not-found");
  }

  @Test
  void prometheus_shows_axon_and_kafka_producer_metrics() {
    draftArticle();
    await()
        .atMost(TopicClient.PATIENCE)
        .untilAsserted(
            () -> {
              ResponseEntity<String> scrape =
                  http.getForEntity("/actuator/prometheus", String.class);
              assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
              // Axon's meters are named after its components (no "axon" prefix)
              assertThat(scrape.getBody())
                  .contains("commandBus_successCounter_total")
                  .contains("eventStore_successCounter_total")
                  .contains("kafka_producer_record_send_total")
                  .contains("hotline_relay_published_total");
            });
  }

  @Test
  void the_api_is_described_by_openapi() {
    ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
    assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode paths = json(docs).path("paths");
    assertThat(paths.has("/articles")).isTrue();
    assertThat(paths.has("/articles/{articleId}")).isTrue();
    assertThat(paths.has("/articles/{articleId}/publish")).isTrue();
    assertThat(paths.has("/articles/{articleId}/retire")).isTrue();
    assertThat(paths.path("/articles").path("post").path("responses").has("201")).isTrue();
    assertThat(paths.findValuesAsText("name")).doesNotContain("actor");
  }

  private UUID draftArticle() {
    return as(EDITOR)
        .draftArticle(DraftArticleRequest.of(ArticleKind.PUBLIC_INFO, "Heating season", "15 Nov"))
        .articleId();
  }

  private ArticleDetails awaitArticle(UUID articleId, Actor reader, ArticleStatus status) {
    return await()
        .atMost(TopicClient.PATIENCE)
        .until(
            () -> as(reader).findArticle(articleId),
            found -> found.filter(a -> a.status() == status).isPresent())
        .orElseThrow();
  }

  private HotlineClient as(Actor actor) {
    return HotlineClient.builder(Endpoints.all(URI.create("http://127.0.0.1:" + port)))
        .retry(RetryPolicy.NONE)
        .actor(actor)
        .build();
  }

  /**
   * The call is answered {@code status} with problem {@code code} naming exactly {@code fields}.
   */
  private static void assertRefused(
      ThrowingCallable call, int status, String code, String... fields) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              assertThat(e.type()).isEqualTo(Problem.TYPE_PREFIX + code);
              assertThat(e.title()).isNotBlank();
              if (fields.length > 0) {
                assertThat(e.errors())
                    .extracting(Problem.FieldError::field)
                    .containsExactlyInAnyOrder(fields);
              }
            });
  }

  private ResponseEntity<String> post(String path, Actor actor, String body) {
    HttpHeaders headers = headers(actor);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> get(String path, Actor actor) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(actor)), String.class);
  }

  private static HttpHeaders headers(Actor actor) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Actor-Role", actor.role().name());
    headers.set("X-Actor-Id", actor.id());
    Optional.ofNullable(actor.unit()).ifPresent(unit -> headers.set("X-Actor-Unit", unit));
    return headers;
  }

  private static void assertProblem(
      ResponseEntity<String> response, HttpStatus status, String code) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
    assertThat(problem.path("status").asInt()).isEqualTo(status.value());
    assertThat(problem.path("title").asText()).isNotBlank();
  }

  private static Set<String> fields(ResponseEntity<String> problem) {
    return json(problem).path("errors").findValuesAsText("field").stream()
        .collect(Collectors.toSet());
  }

  private static JsonNode json(ResponseEntity<String> response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }
}
