package gov.hotline.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gov.hotline.contract.ContractJson;
import gov.hotline.contract.ContractSchemas;
import gov.hotline.contract.Topics;
import gov.hotline.contract.knowledge.ArticleDrafted;
import gov.hotline.contract.knowledge.ArticleKind;
import gov.hotline.contract.knowledge.ArticlePublished;
import gov.hotline.contract.knowledge.ArticleRetired;
import gov.hotline.embedded.EmbeddedKafkaBroker;
import gov.hotline.embedded.EmbeddedMongoServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The knowledge service as it runs: HTTP in, Axon on the Mongo-compatible server, the relay out to
 * a real Kafka broker, read back as CloudEvents the way another system would.
 */
@ExtendWith(KnowledgeServiceIT.Infrastructure.class)
@SpringBootTest(
    classes = KnowledgeApplication.class,
    properties = "spring.config.name=knowledge-service",
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@DirtiesContext
class KnowledgeServiceIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> Infrastructure.kafka.bootstrapServers());
    registry.add("spring.data.mongodb.uri", () -> Infrastructure.mongo.connectionString());
  }

  /**
   * The broker and Mongo server for this class. Registered before the Spring extension, so they
   * start before the service and stop only after {@code @DirtiesContext} has closed it: a service
   * must never outlive the infrastructure it talks to.
   */
  static final class Infrastructure implements BeforeAllCallback, AfterAllCallback {
    static Path kafkaDir;
    static EmbeddedKafkaBroker kafka;
    static EmbeddedMongoServer mongo;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      kafkaDir = Files.createTempDirectory("knowledge-it-kafka");
      kafka = EmbeddedKafkaBroker.start(kafkaDir, 0, 0);
      mongo = EmbeddedMongoServer.start(null, 0);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      kafka.close();
      mongo.close();
      try (Stream<Path> files = Files.walk(kafkaDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void an_editor_drafts_publishes_and_retires_an_article_and_the_topic_tells_each_step() {
    ResponseEntity<String> drafted =
        post(
            "/articles",
            editor(),
            """
            {"kind": "SERVICE_GUIDE",
             "title": "  How to apply for a residence permit ",
             "body": "Bring your ID card and your lease to the street office.",
             "tags": ["residence", "permit", "residence"],
             "categoryCodes": ["PUBLIC_SECURITY.RESIDENCE"],
             "issuingUnit": "City Public Security Bureau",
             "validUntil": "2027-12-31T16:00:00Z"}
            """);
    assertThat(drafted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode created = json(drafted);
    assertThat(created.path("status").asText()).isEqualTo("DRAFT");
    String articleId = created.path("articleId").asText();
    assertThat(UUID.fromString(articleId)).isNotNull();
    assertThat(drafted.getHeaders().getLocation()).isEqualTo(URI.create("/articles/" + articleId));

    JsonNode draft = awaitArticle(articleId, editor(), "DRAFT");
    assertThat(draft.path("title").asText()).isEqualTo("How to apply for a residence permit");
    assertThat(draft.path("kind").asText()).isEqualTo("SERVICE_GUIDE");
    assertThat(draft.path("tags").toString()).isEqualTo("[\"residence\",\"permit\"]");
    // operators never see a draft
    assertThat(get("/articles/" + articleId, operator()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> published = post("/articles/" + articleId + "/publish", editor(), null);
    assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json(published).path("articleId").asText()).isEqualTo(articleId);
    assertThat(json(published).path("status").asText()).isEqualTo("PUBLISHED");
    assertThat(awaitArticle(articleId, operator(), "PUBLISHED").path("publishedAt").isTextual())
        .isTrue();
    JsonNode list = json(get("/articles?status=PUBLISHED&limit=100", operator()));
    assertThat(list.path("articles").findValuesAsText("articleId")).contains(articleId);
    assertThat(list.path("articles").get(0).has("body")).isFalse();

    ResponseEntity<String> retired =
        post(
            "/articles/" + articleId + "/retire",
            editor(),
            "{\"reason\": \"replaced by the 2027 guide\"}");
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json(retired).path("status").asText()).isEqualTo("RETIRED");
    JsonNode gone = awaitArticle(articleId, supervisor(), "RETIRED");
    assertThat(gone.path("retireReason").asText()).isEqualTo("replaced by the 2027 guide");

    List<ConsumerRecord<String, byte[]>> records = readTopicFor(articleId, 3);
    List<CloudEvent> events = records.stream().map(KnowledgeServiceIT::cloudEvent).toList();
    assertThat(events)
        .extracting(CloudEvent::getType)
        .containsExactly(
            "gov.hotline.knowledge.article.drafted.v1",
            "gov.hotline.knowledge.article.published.v1",
            "gov.hotline.knowledge.article.retired.v1");
    assertThat(events).allSatisfy(e -> assertThat(e.getSubject()).isEqualTo(articleId));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getSource()).isEqualTo(URI.create("/hotline/knowledge")));
    assertThat(events.stream().map(CloudEvent::getId).collect(Collectors.toSet())).hasSize(3);
    for (CloudEvent event : events) {
      byte[] payload = event.getData().toBytes();
      assertThat(ContractSchemas.validate(event.getType(), payload))
          .as("schema violations of %s", event.getType())
          .isEmpty();
    }

    ArticleDrafted onTopic = read(events.get(0), ArticleDrafted.class);
    assertThat(onTopic.articleId()).hasToString(articleId);
    assertThat(onTopic.kind()).isEqualTo(ArticleKind.SERVICE_GUIDE);
    assertThat(onTopic.title()).isEqualTo("How to apply for a residence permit");
    assertThat(onTopic.tags()).containsExactly("residence", "permit");
    assertThat(onTopic.actor().userId()).isEqualTo("editor-1");
    assertThat(events.get(0).getTime().toInstant()).isEqualTo(onTopic.occurredAt());
    assertThat(read(events.get(1), ArticlePublished.class).title())
        .isEqualTo("How to apply for a residence permit");
    assertThat(read(events.get(2), ArticleRetired.class).reason())
        .isEqualTo("replaced by the 2027 guide");
  }

  @Test
  void bad_input_is_a_problem_that_names_the_field() {
    ResponseEntity<String> noTitle =
        post("/articles", editor(), "{\"kind\": \"LAW\", \"body\": \"text\"}");
    assertProblem(noTitle, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(noTitle)).containsExactly("title");

    ResponseEntity<String> unknownKind =
        post("/articles", editor(), "{\"kind\": \"GOSSIP\", \"title\": \"t\", \"body\": \"b\"}");
    assertProblem(unknownKind, HttpStatus.BAD_REQUEST, "unreadable-body");
    assertThat(fields(unknownKind)).containsExactly("kind");

    ResponseEntity<String> tooLong =
        post(
            "/articles",
            editor(),
            "{\"kind\": \"LAW\", \"title\": \"" + "x".repeat(201) + "\", \"body\": \"b\"}");
    assertProblem(tooLong, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(tooLong)).containsExactly("title");

    String articleId = draftArticle();
    ResponseEntity<String> noReason = post("/articles/" + articleId + "/retire", editor(), "{}");
    assertProblem(noReason, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(noReason)).containsExactly("reason");

    ResponseEntity<String> tooMany = get("/articles?limit=101", editor());
    assertProblem(tooMany, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(tooMany)).containsExactly("limit");

    ResponseEntity<String> noSuchStatus = get("/articles?status=LOST", editor());
    assertProblem(noSuchStatus, HttpStatus.BAD_REQUEST, "invalid-field");
    assertThat(fields(noSuchStatus)).containsExactly("status");
  }

  @Test
  void only_editors_write_and_every_request_names_its_actor() {
    ResponseEntity<String> byOperator =
        post("/articles", operator(), "{\"kind\": \"LAW\", \"title\": \"t\", \"body\": \"b\"}");
    assertProblem(byOperator, HttpStatus.FORBIDDEN, "forbidden");

    ResponseEntity<String> anonymous =
        post(
            "/articles",
            new HttpHeaders(),
            "{\"kind\": \"LAW\", \"title\": \"t\", \"body\": \"b\"}");
    assertProblem(anonymous, HttpStatus.BAD_REQUEST, "invalid-actor");
    assertThat(fields(anonymous)).containsExactly("X-Actor-Role");

    assertProblem(get("/articles?status=DRAFT", operator()), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(
        get("/articles", actor("UNIT_HANDLER", "handler-1", "unit-9")),
        HttpStatus.FORBIDDEN,
        "forbidden");
  }

  @Test
  void a_command_the_article_state_does_not_allow_is_a_conflict() {
    String articleId = draftArticle();
    assertThat(post("/articles/" + articleId + "/publish", editor(), null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertProblem(
        post("/articles/" + articleId + "/publish", editor(), null),
        HttpStatus.CONFLICT,
        "article-already-published");

    String retire = "{\"reason\": \"wrong\"}";
    assertThat(post("/articles/" + articleId + "/retire", editor(), retire).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertProblem(
        post("/articles/" + articleId + "/retire", editor(), retire),
        HttpStatus.CONFLICT,
        "article-already-retired");
    assertProblem(
        post("/articles/" + articleId + "/publish", editor(), null),
        HttpStatus.CONFLICT,
        "article-retired");
  }

  @Test
  void an_unknown_article_is_not_found() {
    String unknown = UUID.randomUUID().toString();
    assertProblem(get("/articles/" + unknown, editor()), HttpStatus.NOT_FOUND, "not-found");
    assertProblem(
        post("/articles/" + unknown + "/publish", editor(), null),
        HttpStatus.NOT_FOUND,
        "not-found");
  }

  @Test
  void prometheus_shows_axon_and_kafka_producer_metrics() {
    draftArticle();
    await()
        .atMost(PATIENCE)
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

  private String draftArticle() {
    ResponseEntity<String> response =
        post(
            "/articles",
            editor(),
            "{\"kind\": \"PUBLIC_INFO\", \"title\": \"Heating season\", \"body\": \"15 Nov\"}");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return json(response).path("articleId").asText();
  }

  private JsonNode awaitArticle(String articleId, HttpHeaders actor, String status) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              ResponseEntity<String> response = get("/articles/" + articleId, actor);
              assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
              assertThat(json(response).path("status").asText()).isEqualTo(status);
              found.add(json(response));
            });
    return found.get(found.size() - 1);
  }

  /** Reads the topic from the start, as a consumer outside the platform would. */
  private static List<ConsumerRecord<String, byte[]>> readTopicFor(String articleId, int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Infrastructure.kafka.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.KNOWLEDGE_ARTICLE).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200)).records(Topics.KNOWLEDGE_ARTICLE)) {
                  if (articleId.equals(record.key())) {
                    found.add(record);
                  }
                }
                assertThat(found).hasSizeGreaterThanOrEqualTo(count);
              });
    }
    return found;
  }

  private static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
    return KafkaMessageFactory.createReader(record).toEvent();
  }

  private static <T> T read(CloudEvent event, Class<T> type) {
    try {
      return ContractJson.mapper().readValue(event.getData().toBytes(), type);
    } catch (java.io.IOException e) {
      throw new AssertionError("unreadable " + event.getType(), e);
    }
  }

  private ResponseEntity<String> post(String path, HttpHeaders actor, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.addAll(actor);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private ResponseEntity<String> get(String path, HttpHeaders actor) {
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(actor), String.class);
  }

  private static void assertProblem(
      ResponseEntity<String> response, HttpStatus status, String code) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo("urn:hotline:problem:" + code);
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

  private static HttpHeaders editor() {
    return actor("EDITOR", "editor-1", null);
  }

  private static HttpHeaders operator() {
    return actor("OPERATOR", "operator-1", null);
  }

  private static HttpHeaders supervisor() {
    return actor("SUPERVISOR", "supervisor-1", null);
  }

  private static HttpHeaders actor(String role, String id, String unit) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Actor-Role", role);
    headers.set("X-Actor-Id", id);
    if (unit != null) {
      headers.set("X-Actor-Unit", unit);
    }
    return headers;
  }
}
