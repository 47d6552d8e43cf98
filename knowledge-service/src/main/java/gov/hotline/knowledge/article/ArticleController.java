package gov.hotline.knowledge.article;

import static gov.hotline.contract.ActorRole.AUDITOR;
import static gov.hotline.contract.ActorRole.DISPATCHER;
import static gov.hotline.contract.ActorRole.EDITOR;
import static gov.hotline.contract.ActorRole.OPERATOR;
import static gov.hotline.contract.ActorRole.SUPERVISOR;

import gov.hotline.api.knowledge.ArticleDetails;
import gov.hotline.api.knowledge.ArticleList;
import gov.hotline.api.knowledge.ArticleState;
import gov.hotline.api.knowledge.ArticleStatus;
import gov.hotline.api.knowledge.DraftArticleRequest;
import gov.hotline.api.knowledge.RetireArticleRequest;
import gov.hotline.contract.Actor;
import gov.hotline.contract.ActorRole;
import gov.hotline.platform.domain.UnknownEntity;
import gov.hotline.platform.web.Allowed;
import gov.hotline.platform.web.ForbiddenException;
import gov.hotline.platform.web.InvalidInputException;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Editors write articles; operators, dispatchers, supervisors, auditors and editors read them.
 * Drafts are the editors' (and auditors') business: other readers see published and retired
 * articles only, so nobody answers a caller from an unreviewed text.
 *
 * <p>The actor comes from the X-Actor-* headers (platform), so it is hidden from the generated
 * OpenAPI document, which would otherwise list it as a required query parameter.
 */
@RestController
@RequestMapping("/articles")
class ArticleController {
  static final int MAX_LIMIT = 100;
  private static final Set<ActorRole> SEES_DRAFTS = EnumSet.of(EDITOR, AUDITOR);
  private static final Set<ArticleStatus> VISIBLE_TO_ALL =
      EnumSet.of(ArticleStatus.PUBLISHED, ArticleStatus.RETIRED);

  private final CommandGateway commands;
  private final ArticleView view;
  private final Clock clock;
  private final Supplier<UUID> ids;

  ArticleController(
      CommandGateway commands, ArticleView view, Clock clock, Supplier<UUID> articleIds) {
    this.commands = commands;
    this.view = view;
    this.clock = clock;
    this.ids = articleIds;
  }

  /** Draft an article; it reaches {@code hotline.knowledge.article} once the relay sent it. */
  @PostMapping
  @Allowed(EDITOR)
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<ArticleState> draft(Actor actor, @Valid @RequestBody DraftArticleRequest request) {
    UUID articleId = ids.get();
    commands.sendAndWait(toCommand(request, articleId, clock.instant(), actor));
    return ResponseEntity.created(URI.create("/articles/" + articleId))
        .body(new ArticleState(articleId, ArticleStatus.DRAFT));
  }

  @PostMapping("/{articleId}/publish")
  @Allowed(EDITOR)
  ArticleState publish(@PathVariable UUID articleId, Actor actor) {
    commands.sendAndWait(new PublishArticle(articleId, clock.instant(), actor));
    return new ArticleState(articleId, ArticleStatus.PUBLISHED);
  }

  @PostMapping("/{articleId}/retire")
  @Allowed(EDITOR)
  ArticleState retire(
      @PathVariable UUID articleId, Actor actor, @Valid @RequestBody RetireArticleRequest request) {
    commands.sendAndWait(
        new RetireArticle(articleId, clock.instant(), actor, request.reason().trim()));
    return new ArticleState(articleId, ArticleStatus.RETIRED);
  }

  /** From the read model: a change shows here shortly after the command was accepted. */
  @GetMapping("/{articleId}")
  @Allowed({OPERATOR, DISPATCHER, SUPERVISOR, AUDITOR, EDITOR})
  ArticleDetails get(@PathVariable UUID articleId, Actor actor) {
    return view.find(articleId)
        .filter(a -> visibleTo(actor).contains(a.status()))
        .orElseThrow(() -> new UnknownEntity("article", articleId));
  }

  /** Newest first (by last change); {@code status} absent means every status the actor may see. */
  @GetMapping
  @Allowed({OPERATOR, DISPATCHER, SUPERVISOR, AUDITOR, EDITOR})
  ArticleList list(
      Actor actor,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.field("limit", "must be between 1 and " + MAX_LIMIT);
    }
    Set<ArticleStatus> visible = visibleTo(actor);
    Set<ArticleStatus> wanted = visible;
    if (status != null) {
      ArticleStatus requested = parseStatus(status);
      if (!visible.contains(requested)) {
        throw new ForbiddenException(
            "role " + actor.role() + " may not list " + requested + " articles");
      }
      wanted = EnumSet.of(requested);
    }
    return new ArticleList(view.list(wanted, limit));
  }

  private static Set<ArticleStatus> visibleTo(Actor actor) {
    return SEES_DRAFTS.contains(actor.role()) ? EnumSet.allOf(ArticleStatus.class) : VISIBLE_TO_ALL;
  }

  private static ArticleStatus parseStatus(String status) {
    try {
      return ArticleStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field(
          "status", "must be one of " + Arrays.toString(ArticleStatus.values()));
    }
  }

  /** Trimmed, without repeats (the contract wants unique items) and without blank optionals. */
  private static DraftArticle toCommand(
      DraftArticleRequest request, UUID articleId, Instant at, Actor actor) {
    return new DraftArticle(
        articleId,
        at,
        actor,
        request.kind(),
        request.title().trim(),
        request.body().strip(),
        distinct(request.tags()),
        distinct(request.categoryCodes()),
        request.issuingUnit() == null || request.issuingUnit().isBlank()
            ? null
            : request.issuingUnit().trim(),
        request.validUntil());
  }

  private static List<String> distinct(List<String> values) {
    return values == null
        ? List.of()
        : List.copyOf(new LinkedHashSet<>(values.stream().map(String::trim).toList()));
  }
}
