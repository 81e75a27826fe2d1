/**
 * The Conversation API as an Effect service: send every kind of message on any channel, and manage
 * messages, apps, contacts and conversations. Conversation is regional (us, eu, br) and an app lives in
 * exactly one region: a 404 about an app makes the service ask the other regions once and fail with
 * `WrongRegion`, naming the base URL that has it.
 *
 * @since 0.1.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import { AuthStrategy, Region } from "@sinch-effect/auth-core"
import { Pagination, SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import type { Stream } from "effect"
import { Context, Effect, Layer, Schema } from "effect"
import * as ConversationSchema from "./ConversationSchema.js"
import * as Templates from "./ConversationTemplatesSchema.js"
import * as Regions from "./internal/conversationRegions.js"
import * as Product from "./Product.js"

type SinchError = AuthError.SinchError

/**
 * Which fields an update changes (`update_mask`); without it, every field sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface UpdateOptions {
  readonly updateMask?: ReadonlyArray<string> | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface MessageOptions {
  /** `DISPATCH_SOURCE` for messages processed in Dispatch mode. */
  readonly messagesSource?: ConversationSchema.MessagesSource | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The region every call goes to. */
  readonly region: Region.Region

  // messages
  readonly sendMessage: (
    request: ConversationSchema.SendMessageRequest
  ) => Effect.Effect<ConversationSchema.SendMessageResponse, SinchError>
  /** Newest first; pages are fetched as the stream is pulled. */
  readonly listMessages: (
    params?: ConversationSchema.ListMessagesParams
  ) => Stream.Stream<ConversationSchema.ConversationMessage, SinchError>
  readonly getMessage: (
    messageId: string,
    options?: MessageOptions
  ) => Effect.Effect<ConversationSchema.ConversationMessage, SinchError>
  readonly updateMessageMetadata: (
    messageId: string,
    metadata: string,
    options?: MessageOptions
  ) => Effect.Effect<ConversationSchema.ConversationMessage, SinchError>
  readonly deleteMessage: (messageId: string, options?: MessageOptions) => Effect.Effect<void, SinchError>

  // apps
  /** The apps of this region (not paginated). */
  readonly listApps: Effect.Effect<ReadonlyArray<ConversationSchema.App>, SinchError>
  readonly createApp: (
    request: ConversationSchema.CreateAppRequest
  ) => Effect.Effect<ConversationSchema.App, SinchError>
  readonly getApp: (appId: string) => Effect.Effect<ConversationSchema.App, SinchError>
  readonly updateApp: (
    appId: string,
    request: ConversationSchema.UpdateAppRequest,
    options?: UpdateOptions
  ) => Effect.Effect<ConversationSchema.App, SinchError>
  readonly deleteApp: (appId: string) => Effect.Effect<void, SinchError>

  // contacts
  readonly listContacts: (
    params?: ConversationSchema.ListContactsParams
  ) => Stream.Stream<ConversationSchema.Contact, SinchError>
  readonly createContact: (
    request: ConversationSchema.CreateContactRequest
  ) => Effect.Effect<ConversationSchema.Contact, SinchError>
  readonly getContact: (contactId: string) => Effect.Effect<ConversationSchema.Contact, SinchError>
  readonly updateContact: (
    contactId: string,
    request: ConversationSchema.UpdateContactRequest,
    options?: UpdateOptions
  ) => Effect.Effect<ConversationSchema.Contact, SinchError>
  readonly deleteContact: (contactId: string) => Effect.Effect<void, SinchError>
  /** Keeps `destinationId`, moves the source's identities and conversations into it, deletes `sourceId`. */
  readonly mergeContacts: (
    destinationId: string,
    sourceId: string
  ) => Effect.Effect<ConversationSchema.Contact, SinchError>
  /** The contact's profile name on Messenger, Instagram, Viber Business or LINE. */
  readonly getChannelProfile: (
    request: ConversationSchema.GetChannelProfileRequest
  ) => Effect.Effect<ConversationSchema.ChannelProfile, SinchError>

  // conversations
  readonly listConversations: (
    params: ConversationSchema.ListConversationsParams
  ) => Stream.Stream<ConversationSchema.Conversation, SinchError>
  readonly createConversation: (
    request: ConversationSchema.CreateConversationRequest
  ) => Effect.Effect<ConversationSchema.Conversation, SinchError>
  readonly getConversation: (conversationId: string) => Effect.Effect<ConversationSchema.Conversation, SinchError>
  readonly updateConversation: (
    conversationId: string,
    request: ConversationSchema.UpdateConversationRequest,
    options?: UpdateOptions & {
      readonly metadataUpdateStrategy?: "REPLACE" | "MERGE_PATCH" | undefined
    }
  ) => Effect.Effect<ConversationSchema.Conversation, SinchError>
  readonly deleteConversation: (conversationId: string) => Effect.Effect<void, SinchError>
  readonly stopConversation: (conversationId: string) => Effect.Effect<void, SinchError>
  readonly injectMessage: (
    conversationId: string,
    request: ConversationSchema.InjectMessageRequest
  ) => Effect.Effect<void, SinchError>

  /**
   * The last message of each channel identity or contact (`messages:fetch-last-message`); pages are
   * fetched as the stream is pulled.
   */
  readonly listLastMessagesByChannelIdentity: (
    request: ConversationSchema.LastMessagesRequest
  ) => Stream.Stream<ConversationSchema.ConversationMessage, SinchError>
  /** The message as each channel would receive it, without sending it. */
  readonly transcodeMessage: (
    request: ConversationSchema.TranscodeMessageRequest
  ) => Effect.Effect<ConversationSchema.TranscodeMessageResponse, SinchError>
  /** Channel identities held by more than one contact. */
  readonly listIdentityConflicts: (
    params?: ConversationSchema.PageParams
  ) => Stream.Stream<ConversationSchema.IdentityConflict, SinchError>
  /** Conversations with their most recent message, newest first by default. */
  readonly listRecentConversations: (
    params: ConversationSchema.ListRecentConversationsParams
  ) => Stream.Stream<ConversationSchema.ConversationRecentMessage, SinchError>
  readonly injectEvent: (
    conversationId: string,
    request: ConversationSchema.InjectEventRequest
  ) => Effect.Effect<ConversationSchema.InjectEventResponse, SinchError>

  // events
  /** Queues an event (e.g. composing) to a contact; the answer only says it was queued. */
  readonly sendEvent: (
    request: ConversationSchema.SendEventRequest
  ) => Effect.Effect<ConversationSchema.SendEventResponse, SinchError>
  readonly getEvent: (eventId: string) => Effect.Effect<ConversationSchema.ConversationEvent, SinchError>
  readonly listEvents: (
    params?: ConversationSchema.ListEventsParams
  ) => Stream.Stream<ConversationSchema.ConversationEvent, SinchError>
  readonly deleteEvent: (eventId: string) => Effect.Effect<void, SinchError>

  /** Asks which channels reach a recipient; the result arrives on the `CAPABILITY` webhook. */
  readonly queryCapability: (
    request: ConversationSchema.QueryCapabilityRequest
  ) => Effect.Effect<ConversationSchema.QueryCapabilityResponse, SinchError>

  // webhooks
  /** The webhooks of one app (not paginated). */
  readonly listWebhooks: (appId: string) => Effect.Effect<ReadonlyArray<ConversationSchema.Webhook>, SinchError>
  readonly createWebhook: (
    request: ConversationSchema.CreateWebhookRequest
  ) => Effect.Effect<ConversationSchema.Webhook, SinchError>
  readonly getWebhook: (webhookId: string) => Effect.Effect<ConversationSchema.Webhook, SinchError>
  readonly updateWebhook: (
    webhookId: string,
    request: ConversationSchema.UpdateWebhookRequest,
    options?: UpdateOptions
  ) => Effect.Effect<ConversationSchema.Webhook, SinchError>
  readonly deleteWebhook: (webhookId: string) => Effect.Effect<void, SinchError>

  // consents
  /** The identities on one of an app's consent lists. */
  readonly listConsentIdentities: (
    appId: string,
    listType: ConversationSchema.ConsentListType,
    params?: ConversationSchema.PageParams
  ) => Stream.Stream<ConversationSchema.ConsentIdentity, SinchError>
  /** Every consent change of one identity. */
  readonly listConsentAuditRecords: (
    appId: string,
    identity: string
  ) => Effect.Effect<ConversationSchema.AuditRecordsList, SinchError>

  // project settings
  readonly getProjectSettings: Effect.Effect<ConversationSchema.ProjectSettings, SinchError>
  readonly createProjectSettings: (
    request: ConversationSchema.ProjectSettingsRequest
  ) => Effect.Effect<ConversationSchema.ProjectSettings, SinchError>
  readonly updateProjectSettings: (
    request: ConversationSchema.ProjectSettingsRequest
  ) => Effect.Effect<ConversationSchema.ProjectSettings, SinchError>
  readonly deleteProjectSettings: Effect.Effect<void, SinchError>

  // templates (the regional Template Management API)
  readonly listTemplatesV1: Effect.Effect<ReadonlyArray<Templates.TemplateV1>, SinchError>
  readonly getTemplateV1: (templateId: string) => Effect.Effect<Templates.TemplateV1, SinchError>
  readonly createTemplateV1: (
    request: Templates.CreateTemplateV1Request
  ) => Effect.Effect<Templates.TemplateV1, SinchError>
  readonly updateTemplateV1: (
    templateId: string,
    request: Templates.UpdateTemplateV1Request,
    options?: UpdateOptions
  ) => Effect.Effect<Templates.TemplateV1, SinchError>
  readonly deleteTemplateV1: (templateId: string) => Effect.Effect<void, SinchError>
  readonly listTemplatesV2: Effect.Effect<ReadonlyArray<Templates.TemplateV2>, SinchError>
  readonly getTemplateV2: (templateId: string) => Effect.Effect<Templates.TemplateV2, SinchError>
  readonly createTemplateV2: (
    request: Templates.CreateTemplateV2Request
  ) => Effect.Effect<Templates.TemplateV2, SinchError>
  /** Replaces the template (`PUT`); `request.version` must be the current version. */
  readonly updateTemplateV2: (
    templateId: string,
    request: Templates.UpdateTemplateV2Request
  ) => Effect.Effect<Templates.TemplateV2, SinchError>
  readonly deleteTemplateV2: (templateId: string) => Effect.Effect<void, SinchError>
  readonly listTemplateTranslationsV2: (
    templateId: string,
    params?: Templates.ListTranslationsParams
  ) => Effect.Effect<ReadonlyArray<Templates.V2Translation>, SinchError>

  /** The underlying client of the configured region, for endpoints this service does not cover. */
  readonly client: SinchClient.SinchClient
  /** Requests sent so far to other regions to locate apps (diagnostics). */
  readonly regionProbes: Effect.Effect<number>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Conversation extends Context.Tag("@sinch-effect/products/Conversation")<Conversation, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export interface Config extends SinchClient.ClientOptions {
  /** Required: Conversation data lives in one region (`us`, `eu` or `br`). */
  readonly region: Region.Region
  /** Ask the other regions where an app lives after a 404 (default `true`). */
  readonly probeRegions?: boolean | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options<R = never> extends Config, Product.ProjectOptions<R> {}

// The API reference names the query `update_mask`: one value, the field paths joined by commas.
const maskQuery = (options: UpdateOptions | undefined) => ({
  update_mask: options?.updateMask === undefined || options.updateMask.length === 0
    ? undefined
    : options.updateMask.join(",")
})

const sourceQuery = (options: MessageOptions | undefined) => ({ messages_source: options?.messagesSource })

/**
 * The service over a client of one region (its `baseUrl` must end with `/v1/projects/{projectId}`)
 * and a locator for apps in other regions.
 *
 * @internal
 */
const fromClient = (
  client: SinchClient.SinchClient,
  templates: { readonly v1: SinchClient.SinchClient; readonly v2: SinchClient.SinchClient },
  region: Region.Region,
  locator: Regions.Locator
): Service => {
  const aboutApp = (appId: string | undefined) => <A>(effect: Effect.Effect<A, SinchError>) =>
    appId === undefined ? effect : Effect.catchAll(effect, (error) => locator.explain(appId, error))

  const send = <A, I, B, J>(
    method: "POST" | "PATCH" | "PUT",
    route: string,
    requestSchema: Schema.Schema<A, I>,
    request: A,
    responseSchema: Schema.Schema<B, J>,
    options: SinchClient.RequestOptions = {},
    via: SinchClient.SinchClient = client
  ) => Product.send(via, method, route, requestSchema, request, responseSchema, options)

  const list = <P, Page, Item>(
    route: string,
    paramsSchema: Schema.Schema<P, any>,
    params: P,
    pageSchema: Schema.Schema<Page, any>,
    items: (page: Page) => ReadonlyArray<Item> | undefined,
    next: (page: Page) => string | undefined,
    appId: string | undefined
  ): Stream.Stream<Item, SinchError> =>
    Pagination.tokenPages({
      fetch: (page_token) =>
        Product.encode(paramsSchema)(params).pipe(
          Effect.flatMap((query) =>
            client.request("GET", route, pageSchema, { query: { ...(query as object), page_token } })
          ),
          aboutApp(appId)
        ),
      items: (page) => items(page) ?? [],
      next
    })

  const message = (messageId: string) => ({ message_id: messageId })
  const app = (appId: string) => ({ app_id: appId })
  const contact = (contactId: string) => ({ contact_id: contactId })
  const conversation = (conversationId: string) => ({ conversation_id: conversationId })
  const event = (eventId: string) => ({ event_id: eventId })
  const webhook = (webhookId: string) => ({ webhook_id: webhookId })
  const template = (templateId: string) => ({ template_id: templateId })

  return {
    region,
    client,
    regionProbes: locator.probes,

    sendMessage: (request) =>
      send(
        "POST",
        "/messages:send",
        ConversationSchema.SendMessageRequest,
        request,
        ConversationSchema.SendMessageResponse
      ).pipe(aboutApp(request.app_id)),
    listMessages: (params = {}) =>
      list(
        "/messages",
        ConversationSchema.ListMessagesParams,
        params,
        ConversationSchema.MessagesPage,
        (page) => page.messages,
        (page) => page.next_page_token,
        params.app_id
      ),
    getMessage: (messageId, options) =>
      client.request("GET", "/messages/{message_id}", ConversationSchema.ConversationMessage, {
        path: message(messageId),
        query: sourceQuery(options)
      }),
    updateMessageMetadata: (messageId, metadata, options) =>
      client.request("PATCH", "/messages/{message_id}", ConversationSchema.ConversationMessage, {
        path: message(messageId),
        query: sourceQuery(options),
        body: { metadata }
      }),
    deleteMessage: (messageId, options) =>
      client.requestVoid("DELETE", "/messages/{message_id}", { path: message(messageId), query: sourceQuery(options) }),

    listApps: client.request("GET", "/apps", ConversationSchema.AppsResponse).pipe(
      Effect.map((response) => response.apps ?? [])
    ),
    createApp: (request) => send("POST", "/apps", ConversationSchema.CreateAppRequest, request, ConversationSchema.App),
    getApp: (appId) =>
      client.request("GET", "/apps/{app_id}", ConversationSchema.App, { path: app(appId) }).pipe(aboutApp(appId)),
    updateApp: (appId, request, options) =>
      send("PATCH", "/apps/{app_id}", ConversationSchema.UpdateAppRequest, request, ConversationSchema.App, {
        path: app(appId),
        query: maskQuery(options)
      }).pipe(aboutApp(appId)),
    deleteApp: (appId) => client.requestVoid("DELETE", "/apps/{app_id}", { path: app(appId) }).pipe(aboutApp(appId)),

    listContacts: (params = {}) =>
      list(
        "/contacts",
        ConversationSchema.ListContactsParams,
        params,
        ConversationSchema.ContactsPage,
        (page) => page.contacts,
        (page) => page.next_page_token,
        undefined
      ),
    createContact: (request) =>
      send("POST", "/contacts", ConversationSchema.CreateContactRequest, request, ConversationSchema.Contact),
    getContact: (contactId) =>
      client.request("GET", "/contacts/{contact_id}", ConversationSchema.Contact, { path: contact(contactId) }),
    updateContact: (contactId, request, options) =>
      send(
        "PATCH",
        "/contacts/{contact_id}",
        ConversationSchema.UpdateContactRequest,
        request,
        ConversationSchema.Contact,
        {
          path: contact(contactId),
          query: maskQuery(options)
        }
      ),
    deleteContact: (contactId) => client.requestVoid("DELETE", "/contacts/{contact_id}", { path: contact(contactId) }),
    mergeContacts: (destinationId, sourceId) =>
      send(
        "POST",
        "/contacts/{destination_id}:merge",
        ConversationSchema.MergeContactRequest,
        { source_id: sourceId, strategy: "MERGE" },
        ConversationSchema.Contact,
        { path: { destination_id: destinationId } }
      ),
    getChannelProfile: (request) =>
      send(
        "POST",
        "/contacts:getChannelProfile",
        ConversationSchema.GetChannelProfileRequest,
        request,
        ConversationSchema.ChannelProfile
      ).pipe(aboutApp(request.app_id)),

    listConversations: (params) =>
      list(
        "/conversations",
        ConversationSchema.ListConversationsParams,
        params,
        ConversationSchema.ConversationsPage,
        (page) => page.conversations,
        (page) => page.next_page_token,
        params.app_id
      ),
    createConversation: (request) =>
      send(
        "POST",
        "/conversations",
        ConversationSchema.CreateConversationRequest,
        request,
        ConversationSchema.Conversation
      ).pipe(aboutApp(request.app_id)),
    getConversation: (conversationId) =>
      client.request("GET", "/conversations/{conversation_id}", ConversationSchema.Conversation, {
        path: conversation(conversationId)
      }),
    updateConversation: (conversationId, request, options) =>
      send(
        "PATCH",
        "/conversations/{conversation_id}",
        ConversationSchema.UpdateConversationRequest,
        request,
        ConversationSchema.Conversation,
        {
          path: conversation(conversationId),
          query: { ...maskQuery(options), metadata_update_strategy: options?.metadataUpdateStrategy }
        }
      ),
    deleteConversation: (conversationId) =>
      client.requestVoid("DELETE", "/conversations/{conversation_id}", { path: conversation(conversationId) }),
    stopConversation: (conversationId) =>
      client.requestVoid("POST", "/conversations/{conversation_id}:stop", { path: conversation(conversationId) }),
    injectMessage: (conversationId, request) =>
      Product.sendVoid(
        client,
        "POST",
        "/conversations/{conversation_id}:inject-message",
        ConversationSchema.InjectMessageRequest,
        request,
        { path: conversation(conversationId) }
      ),

    listLastMessagesByChannelIdentity: (request) =>
      Pagination.tokenPages({
        // The page token travels in the body of this POST, not in the query.
        fetch: (page_token) =>
          send(
            "POST",
            "/messages:fetch-last-message",
            ConversationSchema.LastMessagesRequest.pipe(
              Schema.extend(Schema.Struct({ page_token: Schema.optional(Schema.String) }))
            ),
            page_token === undefined ? request : { ...request, page_token },
            ConversationSchema.MessagesPage
          ).pipe(aboutApp(request.app_id)),
        items: (page) => page.messages ?? [],
        next: (page) => page.next_page_token
      }),
    transcodeMessage: (request) =>
      send(
        "POST",
        "/messages:transcode",
        ConversationSchema.TranscodeMessageRequest,
        request,
        ConversationSchema.TranscodeMessageResponse
      ).pipe(aboutApp(request.app_id)),
    listIdentityConflicts: (params = {}) =>
      list(
        "/contacts:identityConflicts",
        ConversationSchema.PageParams,
        params,
        ConversationSchema.IdentityConflictsPage,
        (page) => page.conflicts,
        (page) => page.next_page_token,
        undefined
      ),
    listRecentConversations: (params) =>
      list(
        "/conversations:recent",
        ConversationSchema.ListRecentConversationsParams,
        params,
        ConversationSchema.RecentConversationsPage,
        (page) => page.conversations,
        (page) => page.next_page_token,
        params.app_id
      ),
    injectEvent: (conversationId, request) =>
      send(
        "POST",
        "/conversations/{conversation_id}:inject-event",
        ConversationSchema.InjectEventRequest,
        request,
        ConversationSchema.InjectEventResponse,
        { path: conversation(conversationId) }
      ),

    sendEvent: (request) =>
      send("POST", "/events:send", ConversationSchema.SendEventRequest, request, ConversationSchema.SendEventResponse)
        .pipe(aboutApp(request.app_id)),
    getEvent: (eventId) =>
      client.request("GET", "/events/{event_id}", ConversationSchema.ConversationEvent, { path: event(eventId) }),
    listEvents: (params = {}) =>
      list(
        "/events",
        ConversationSchema.ListEventsParams,
        params,
        ConversationSchema.EventsPage,
        (page) => page.events,
        (page) => page.next_page_token,
        undefined
      ),
    deleteEvent: (eventId) => client.requestVoid("DELETE", "/events/{event_id}", { path: event(eventId) }),

    queryCapability: (request) =>
      send(
        "POST",
        "/capability:query",
        ConversationSchema.QueryCapabilityRequest,
        request,
        ConversationSchema.QueryCapabilityResponse
      ).pipe(aboutApp(request.app_id)),

    listWebhooks: (appId) =>
      client.request("GET", "/apps/{app_id}/webhooks", ConversationSchema.WebhooksResponse, { path: app(appId) }).pipe(
        Effect.map((response) => response.webhooks ?? []),
        aboutApp(appId)
      ),
    createWebhook: (request) =>
      send("POST", "/webhooks", ConversationSchema.CreateWebhookRequest, request, ConversationSchema.Webhook).pipe(
        aboutApp(request.app_id)
      ),
    getWebhook: (webhookId) =>
      client.request("GET", "/webhooks/{webhook_id}", ConversationSchema.Webhook, { path: webhook(webhookId) }),
    updateWebhook: (webhookId, request, options) =>
      send(
        "PATCH",
        "/webhooks/{webhook_id}",
        ConversationSchema.UpdateWebhookRequest,
        request,
        ConversationSchema.Webhook,
        { path: webhook(webhookId), query: maskQuery(options) }
      ),
    deleteWebhook: (webhookId) => client.requestVoid("DELETE", "/webhooks/{webhook_id}", { path: webhook(webhookId) }),

    listConsentIdentities: (appId, listType, params = {}) =>
      Pagination.tokenPages({
        fetch: (page_token) =>
          Product.encode(ConversationSchema.PageParams)(params).pipe(
            Effect.flatMap((query) =>
              client.request("GET", "/apps/{app_id}/consents/{list_type}", ConversationSchema.ConsentIdentitiesPage, {
                path: { app_id: appId, list_type: listType },
                query: { ...query, page_token }
              })
            ),
            aboutApp(appId)
          ),
        items: (page) => page.identities ?? [],
        next: (page) => page.next_page_token
      }),
    listConsentAuditRecords: (appId, identity) =>
      client.request("GET", "/apps/{app_id}/consents/identities/{identity}", ConversationSchema.AuditRecordsList, {
        path: { app_id: appId, identity }
      }).pipe(aboutApp(appId)),

    getProjectSettings: client.request("GET", "/settings", ConversationSchema.ProjectSettings),
    createProjectSettings: (request) =>
      send("POST", "/settings", ConversationSchema.ProjectSettingsRequest, request, ConversationSchema.ProjectSettings),
    updateProjectSettings: (request) =>
      send(
        "PATCH",
        "/settings",
        ConversationSchema.ProjectSettingsRequest,
        request,
        ConversationSchema.ProjectSettings
      ),
    deleteProjectSettings: client.requestVoid("DELETE", "/settings"),

    listTemplatesV1: templates.v1.request("GET", "/templates", Templates.TemplatesV1Response).pipe(
      Effect.map((response) => response.templates ?? [])
    ),
    getTemplateV1: (templateId) =>
      templates.v1.request("GET", "/templates/{template_id}", Templates.TemplateV1, { path: template(templateId) }),
    createTemplateV1: (request) =>
      send("POST", "/templates", Templates.CreateTemplateV1Request, request, Templates.TemplateV1, {}, templates.v1),
    updateTemplateV1: (templateId, request, options) =>
      send(
        "PATCH",
        "/templates/{template_id}",
        Templates.UpdateTemplateV1Request,
        request,
        Templates.TemplateV1,
        { path: template(templateId), query: maskQuery(options) },
        templates.v1
      ),
    deleteTemplateV1: (templateId) =>
      templates.v1.requestVoid("DELETE", "/templates/{template_id}", { path: template(templateId) }),
    listTemplatesV2: templates.v2.request("GET", "/templates", Templates.TemplatesV2Response).pipe(
      Effect.map((response) => response.templates ?? [])
    ),
    getTemplateV2: (templateId) =>
      templates.v2.request("GET", "/templates/{template_id}", Templates.TemplateV2, { path: template(templateId) }),
    createTemplateV2: (request) =>
      send("POST", "/templates", Templates.CreateTemplateV2Request, request, Templates.TemplateV2, {}, templates.v2),
    updateTemplateV2: (templateId, request) =>
      send(
        "PUT",
        "/templates/{template_id}",
        Templates.UpdateTemplateV2Request,
        request,
        Templates.TemplateV2,
        { path: template(templateId) },
        templates.v2
      ),
    deleteTemplateV2: (templateId) =>
      templates.v2.requestVoid("DELETE", "/templates/{template_id}", { path: template(templateId) }),
    listTemplateTranslationsV2: (templateId, params = {}) =>
      Product.encode(Templates.ListTranslationsParams)(params).pipe(
        Effect.flatMap((query) =>
          templates.v2.request("GET", "/templates/{template_id}/translations", Templates.TranslationsResponse, {
            path: template(templateId),
            query
          })
        ),
        Effect.map((response) => response.translations ?? [])
      )
  }
}

/**
 * Builds the service with a chosen authentication strategy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = <R = never>(
  options: Options<R>
): Effect.Effect<Service, never, R | Product.ProjectContext> =>
  Effect.gen(function*() {
    const endpoints = yield* SinchEndpoints.SinchEndpoints
    const strategy = yield* options.strategy
    const clientFor = (region: Region.Region) =>
      Product.projectClient("Conversation", endpoints.conversation(region), strategy, options)
    const client = yield* clientFor(options.region)
    const others = options.probeRegions === false
      ? []
      : yield* Effect.forEach(
        Region.all.filter((region) => region !== options.region),
        (region) => Effect.map(clientFor(region), (probe) => [region, probe] as const)
      )
    const locator = yield* Regions.make({
      api: "Conversation",
      configured: options.region,
      others,
      suggestedUrl: (region) => endpoints.conversation(region)
    })
    const templates = {
      v1: yield* Product.projectClient("Templates", endpoints.templates(options.region), strategy, options, "v1"),
      v2: yield* Product.projectClient("Templates", endpoints.templates(options.region), strategy, options, "v2")
    }
    return fromClient(client, templates, options.region, locator)
  })

/**
 * Builds the service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  config: Config
): Effect.Effect<Service, never, Product.OAuth2Context> => makeWith({ ...config, strategy: AuthStrategy.oauth2 })

/**
 * The service for one region, with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  config: Config
): Layer.Layer<Conversation, never, Product.OAuth2Context> => Layer.effect(Conversation, make(config))

/**
 * The service with another strategy, e.g. `AuthStrategy.projectBasic` (for tests and scripts: Sinch
 * rate limits Basic auth much more tightly than OAuth2).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = <R = never>(
  options: Options<R>
): Layer.Layer<Conversation, never, R | Product.ProjectContext> => Layer.effect(Conversation, makeWith(options))
