import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type { ElasticSipTrunkingSchema } from "@sinch-effect/products"
import type { ElasticSipTrunking } from "@sinch-effect/products"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as CliError from "../../CliError.js"
import * as Table from "../table.js"
import { json, library, limit, output, positive } from "./common.js"

/** Runs `f` with the service; acquired only once the arguments are valid, so usage errors come first. */
const withTrunks = <A, E>(f: (est: ElasticSipTrunking.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(
    library,
    ({ Layers, products }) =>
      Effect.provide(Effect.flatMap(products.ElasticSipTrunking.ElasticSipTrunking, f), Layers.trunks)
  )

const trunkId = Args.text({ name: "trunk-id" })

const describe = (trunk: ElasticSipTrunkingSchema.SipTrunk) =>
  Table.fields([
    ["id", trunk.id],
    ["name", trunk.name],
    ["domain", trunk.domain ?? trunk.hostName],
    ["calls per second", trunk.callsPerSecond],
    ["caller name", trunk.enableCallerName],
    ["created", trunk.createTime]
  ])

const list = Command.make("list", { json, limit }, (args) =>
  Effect.gen(function*() {
    const max = yield* positive(args.limit, "--limit")
    const trunks = yield* withTrunks((est) =>
      est.listSipTrunks().pipe(Stream.take(max), Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
    )
    yield* output(args.json, trunks, () =>
      trunks.length === 0
        ? "The project has no SIP trunks."
        : Table.render(
          ["id", "name", "domain", "created"],
          trunks.map((t) => [t.id, t.name, t.domain ?? t.hostName, t.createTime])
        ))
  })).pipe(Command.withDescription("List the project's SIP trunks"))

const get = Command.make("get", { json, trunkId }, (args) =>
  Effect.gen(function*() {
    const [trunk, endpoints] = yield* withTrunks((est) =>
      Effect.all([
        est.getSipTrunk(args.trunkId),
        est.listSipEndpoints(args.trunkId).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
      ])
    )
    yield* output(args.json, { ...trunk, endpoints }, () =>
      endpoints.length === 0
        ? `${describe(trunk)}\n\nNo SIP endpoints.`
        : `${describe(trunk)}\n\n${
          Table.render(
            ["endpoint", "name", "priority", "address", "port", "enabled"],
            endpoints.map((e) => [e.id, e.name, e.priority, e.address ?? e.credentialUsername, e.port, e.enabled])
          )
        }`)
  })).pipe(Command.withDescription("Show one SIP trunk and its endpoints"))

/** `host[:port]` of a static endpoint. */
const parseEndpoint = (
  value: string,
  flag: string = "--endpoint"
): Effect.Effect<{ readonly address: string; readonly port?: number }, CliError.CliError> => {
  const match = /^([^\s:]+)(?::(\d{1,5}))?$/.exec(value)
  const port = match?.[2] === undefined ? undefined : Number(match[2])
  if (match === null || (port !== undefined && (port < 1 || port > 65535))) {
    return Effect.fail(
      CliError.usage(`${flag} must be an address with an optional port, e.g. 203.0.113.10:5060, got "${value}"`)
    )
  }
  return Effect.succeed(port === undefined ? { address: match[1]! } : { address: match[1]!, port })
}

const create = Command.make(
  "create",
  {
    json,
    name: Options.text("name").pipe(Options.withDescription("Display name of the trunk")),
    hostName: Options.text("host-name").pipe(
      Options.withDescription("Label of the trunk's SIP domain ({host-name}.pstn.sinch.com); letters, digits and -")
    ),
    endpoint: Options.text("endpoint").pipe(
      Options.optional,
      Options.withDescription("Also add a static SIP endpoint at address[:port] (UDP)")
    )
  },
  (args) =>
    Effect.gen(function*() {
      if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(args.hostName)) {
        return yield* CliError.usage(
          `--host-name must be letters, digits and inner hyphens (a DNS label), got "${args.hostName}"`
        )
      }
      const endpoint = Option.isSome(args.endpoint)
        ? Option.some(yield* parseEndpoint(args.endpoint.value))
        : Option.none()
      const [trunk, created] = yield* withTrunks((est) =>
        Effect.gen(function*() {
          const trunk = yield* est.createSipTrunk({ name: args.name, hostName: args.hostName })
          const created = Option.isSome(endpoint)
            ? [
              yield* est.createSipEndpoint(trunk.id, { name: `${args.name} endpoint`, priority: 1, ...endpoint.value })
            ]
            : []
          return [trunk, created] as const
        })
      )
      yield* output(args.json, { ...trunk, endpoints: created }, () =>
        [
          `Created trunk ${trunk.id}.`,
          describe(trunk),
          ...created.map((e) => `endpoint ${e.id} at ${e.address}:${e.port ?? 5060}`)
        ]
          .join("\n"))
    })
).pipe(Command.withDescription("Create a SIP trunk, optionally with a static endpoint"))

const force = Options.boolean("force").pipe(
  Options.withDescription("First remove the trunk's SIP endpoints (Sinch refuses to delete a trunk that has any)")
)

const remove = Command.make("delete", { json, trunkId, force }, (args) =>
  Effect.gen(function*() {
    const removed = yield* withTrunks((est) =>
      Effect.gen(function*() {
        const endpoints = args.force
          ? yield* est.listSipEndpoints(args.trunkId).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
          : []
        // One at a time: each is a write, and a failure should leave as much of the trunk as possible.
        for (const endpoint of endpoints) yield* est.deleteSipEndpoint(args.trunkId, endpoint.id)
        yield* est.deleteSipTrunk(args.trunkId)
        return endpoints.map((endpoint) => endpoint.id)
      })
    )
    yield* output(args.json, { deleted: args.trunkId, removedEndpoints: removed }, () =>
      [
        ...removed.map((id) => `Removed endpoint ${id}.`),
        `Deleted trunk ${args.trunkId}.`
      ].join("\n"))
  })).pipe(Command.withDescription(
    "Delete a SIP trunk (its numbers and access lists must be removed first; --force removes its endpoints)"
  ))

const endpointList = Command.make("list", { json, trunkId }, (args) =>
  Effect.gen(function*() {
    const endpoints = yield* withTrunks((est) =>
      est.listSipEndpoints(args.trunkId).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
    )
    yield* output(args.json, endpoints, () =>
      endpoints.length === 0
        ? `Trunk ${args.trunkId} has no SIP endpoints.`
        : Table.render(
          ["endpoint", "name", "priority", "address", "port", "enabled"],
          endpoints.map((e) => [e.id, e.name, e.priority, e.address ?? e.credentialUsername, e.port, e.enabled])
        ))
  })).pipe(Command.withDescription("List the SIP endpoints of a trunk"))

const endpointAdd = Command.make(
  "add",
  {
    json,
    trunkId,
    address: Args.text({ name: "address[:port]" }).pipe(
      Args.withDescription("Static endpoint, e.g. 203.0.113.10:5060 (UDP)")
    ),
    name: Options.text("name").pipe(Options.optional, Options.withDescription("Display name (default: the address)")),
    priority: Options.integer("priority").pipe(
      Options.withDefault(1),
      Options.withDescription("Routing priority, 1 is tried first")
    )
  },
  (args) =>
    Effect.gen(function*() {
      const endpoint = yield* parseEndpoint(args.address, "address")
      const priority = yield* positive(args.priority, "--priority")
      const created = yield* withTrunks((est) =>
        est.createSipEndpoint(args.trunkId, {
          name: Option.getOrElse(args.name, () => args.address),
          priority,
          ...endpoint
        })
      )
      yield* output(args.json, created, () =>
        `Added endpoint ${created.id} at ${created.address}:${created.port ?? 5060} to trunk ${args.trunkId}.`)
    })
).pipe(Command.withDescription("Add a static SIP endpoint to a trunk"))

const endpointRemove = Command.make(
  "remove",
  { json, trunkId, endpointId: Args.text({ name: "endpoint-id" }) },
  (args) =>
    Effect.gen(function*() {
      yield* withTrunks((est) => est.deleteSipEndpoint(args.trunkId, args.endpointId))
      yield* output(args.json, { removed: args.endpointId, trunkId: args.trunkId }, () =>
        `Removed endpoint ${args.endpointId} from trunk ${args.trunkId}.`)
    })
).pipe(Command.withDescription("Remove a SIP endpoint from a trunk"))

const endpoints = Command.make("endpoints").pipe(
  Command.withDescription("List, add and remove the SIP endpoints of a trunk"),
  Command.withSubcommands([endpointList, endpointAdd, endpointRemove])
)

/** `sinch trunks …`. @internal */
export const command = Command.make("trunks").pipe(
  Command.withDescription("Manage Elastic SIP Trunking trunks and their endpoints"),
  Command.withSubcommands([list, get, create, remove, endpoints])
)
