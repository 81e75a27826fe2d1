import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { Region } from "@sinch-effect/auth-core"
import type { Conversation, ConversationSchema } from "@sinch-effect/products"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Table from "../table.js"
import { json, library, limit, output, phoneNumber, positive, region, resolveRegion } from "./common.js"

/** The schema's channels, here so that parsing loads no library (the test compares them). @internal */
export const channels = [
  "WHATSAPP",
  "RCS",
  "SMS",
  "MESSENGER",
  "VIBER",
  "VIBERBM",
  "MMS",
  "INSTAGRAM",
  "TELEGRAM",
  "KAKAOTALK",
  "KAKAOTALKCHAT",
  "LINE",
  "WECHAT",
  "APPLEBC",
  "CHANNEL_UNSPECIFIED"
] as const satisfies ReadonlyArray<ConversationSchema.Channel>

/** Runs `f` with the Conversation service of `region` (the library loaded only now). */
const withConversation = <A, E>(
  region: Region.Region,
  f: (conversation: Conversation.Service) => Effect.Effect<A, E>
) =>
  Effect.flatMap(
    library,
    ({ Layers, products }) =>
      Effect.provide(Effect.flatMap(products.Conversation.Conversation, f), Layers.conversation(region))
  )

const send = Command.make(
  "send",
  {
    json,
    region,
    appId: Options.text("app-id").pipe(Options.withDescription("The Conversation app sending the message")),
    to: Options.text("to").pipe(Options.withDescription("Recipient phone number, E.164")),
    text: Options.text("text").pipe(Options.withDescription("The message text")),
    channel: Options.choice("channel", channels).pipe(
      Options.withDefault("SMS" as const),
      Options.withDescription("Channel of the recipient's identity (default SMS)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const to = yield* phoneNumber(args.to, "--to")
      const region = yield* resolveRegion(args.region)
      const sent = yield* withConversation(region, (conversation) =>
        conversation.sendMessage({
          app_id: args.appId,
          recipient: { identified_by: { channel_identities: [{ channel: args.channel, identity: to }] } },
          message: { text_message: { text: args.text } }
        }))
      yield* output(args.json, { ...sent, region }, () =>
        `Accepted message ${sent.message_id} (region ${region}${
          sent.accepted_time ? `, at ${sent.accepted_time}` : ""
        }).`)
    })
).pipe(Command.withDescription("Send a text message through an app"))

const apps = Command.make("apps", { json, region }, (args) =>
  Effect.gen(function*() {
    const region = yield* resolveRegion(args.region)
    // Channel credentials hold channel secrets (bearer tokens, passwords): only their channel is shown.
    const found = yield* withConversation(region, (conversation) => conversation.listApps).pipe(
      Effect.map((apps) =>
        apps.map((app) => ({
          id: app.id,
          displayName: app.display_name ?? null,
          channels: app.channel_credentials?.map((credential) => credential.channel) ?? []
        }))
      )
    )
    yield* output(args.json, found, () =>
      found.length === 0
        ? `No apps in region ${region}.`
        : Table.render(
          ["app", "display name", "channels"],
          found.map((app) => [app.id, app.displayName, app.channels])
        ))
  })).pipe(Command.withDescription("List the apps of a region"))

const contacts = Command.make("contacts", { json, region, limit }, (args) =>
  Effect.gen(function*() {
    const max = yield* positive(args.limit, "--limit")
    const region = yield* resolveRegion(args.region)
    const found = yield* withConversation(region, (conversation) =>
      conversation.listContacts().pipe(Stream.take(max), Stream.runCollect, Effect.map(Chunk.toReadonlyArray)))
    yield* output(args.json, found, () =>
      found.length === 0
        ? `No contacts in region ${region}.`
        : Table.render(
          ["contact", "display name", "identities"],
          found.map((c) => [
            c.id,
            c.display_name,
            c.channel_identities?.map((i) =>
              `${i.channel}:${i.identity}`
            )
          ])
        ))
  })).pipe(Command.withDescription("List the contacts of a region"))

/** `sinch conversation …`. @internal */
export const command = Command.make("conversation").pipe(
  Command.withDescription("Send messages and list apps and contacts (Conversation API, regional)"),
  Command.withSubcommands([send, apps, contacts])
)
