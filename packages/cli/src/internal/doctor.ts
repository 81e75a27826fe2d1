import * as HttpClient from "@effect/platform/HttpClient"
import type { AuthError } from "@sinch-effect/auth-core"
import {
  ApplicationCredentials,
  AuthStrategy,
  MailgunCredentials,
  ProjectCredentials,
  Region,
  TokenProvider
} from "@sinch-effect/auth-core"
import { Conversation, Numbers, Verification, Voice } from "@sinch-effect/products"
import { SinchClient, SinchEndpoints } from "@sinch-effect/sinch-http"
import type { Duration } from "effect"
import { Clock, Config, Context, Effect, Either, Option, Ref, Schema, Stream } from "effect"
import { describeConfigError } from "../CliError.js"
import type { CheckId, CheckResult, Options, Report, Status } from "../Doctor.js"
import { probe as probeRedis } from "./redisProbe.js"

/** Beyond this, timestamps and token lifetimes computed from the local clock cannot be trusted. */
const maxSkewMillis = 60_000
/** Sinch issues hour-long tokens; anything this short means a misconfigured or foreign endpoint. */
const minTokenLifeMillis = 60_000

const titles: { readonly [K in CheckId]: string } = {
  "endpoints": "API endpoints",
  "project-credentials": "Project credentials",
  "application-credentials": "Application credentials",
  "mailgun-credentials": "Mailgun credentials",
  "token-exchange": "Token exchange",
  "token-lifetime": "Token lifetime and clock skew",
  "project-access": "Project access (Numbers)",
  "conversation-region": "Conversation region",
  "application-auth": "Application signing (Voice)",
  "verification-auth": "Application signing (Verification)",
  "mailgun-auth": "Mailgun key",
  "redis": "Redis (shared token store)"
}

const result = (id: CheckId, status: Status, detail: string, fix?: string): CheckResult => ({
  id,
  title: titles[id],
  status,
  detail,
  ...(fix === undefined ? {} : { fix })
})

const present = (name: string): Effect.Effect<boolean> => Effect.map(Effect.either(Config.string(name)), Either.isRight)

const listNames = (names: ReadonlyArray<string>): string =>
  names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`

/**
 * Reads one kind of credentials: skipped when none of its variables is set, failed (naming the
 * variables) when only some are or a value is malformed.
 */
const readCredentials = <A>(
  id: CheckId,
  required: ReadonlyArray<string>,
  config: Config.Config<A>,
  describe: (a: A) => string
): Effect.Effect<readonly [CheckResult, Option.Option<A>]> =>
  Effect.gen(function*() {
    const set = yield* Effect.filter(required, present)
    if (set.length === 0) {
      return [
        result(id, "skip", `${listNames(required)} ${required.length > 1 ? "are" : "is"} not set`),
        Option.none()
      ] as const
    }
    const missing = required.filter((name) => !set.includes(name))
    if (missing.length > 0) {
      return [
        result(
          id,
          "fail",
          `${listNames(missing)} ${missing.length > 1 ? "are" : "is"} not set (${listNames(set)} ${
            set.length > 1 ? "are" : "is"
          })`,
          `Set ${listNames(required)} together.`
        ),
        Option.none()
      ] as const
    }
    const read = yield* Effect.either(config)
    return Either.match(read, {
      onLeft: (error) => [result(id, "fail", describeConfigError(error).join("; ")), Option.none()] as const,
      onRight: (value) => [result(id, "pass", describe(value)), Option.some(value)] as const
    })
  })

const describeEndpoints = (endpoints: SinchEndpoints.Service, emulatorUrl: Option.Option<string>): string => {
  // Plain http to a remote host passes only with SINCH_ALLOW_INSECURE_HTTP: say so every time.
  const insecure = SinchEndpoints.insecure(endpoints.urls)
  const warning = insecure.length === 0
    ? ""
    : `; WARNING: ${insecure.join(", ")} use${
      insecure.length === 1 ? "s" : ""
    } plain http to a remote host (SINCH_ALLOW_INSECURE_HTTP): secrets and tokens cross the network in clear text`
  return describeHosts(endpoints, emulatorUrl) + warning
}

const describeHosts = (endpoints: SinchEndpoints.Service, emulatorUrl: Option.Option<string>): string => {
  // The URL passed the endpoint checks, so it has no userinfo to hide.
  if (Option.isSome(emulatorUrl)) return `emulator at ${emulatorUrl.value} (SINCH_EMULATOR_URL)`
  const production = SinchEndpoints.production
  const custom = (Object.keys(production) as Array<keyof SinchEndpoints.Urls>).filter(
    (key) => endpoints.urls[key] !== production[key]
  )
  return custom.length === 0 ? "production Sinch hosts" : `production hosts, except ${custom.join(", ")} (overridden)`
}

const seconds = (millis: number): string => `${Math.round(millis / 1000)} s`

const describeSkew = (skew: number): string =>
  Math.abs(skew) < 1_500
    ? "local clock within a second of the server's Date header"
    : `local clock ${seconds(Math.abs(skew))} ${skew > 0 ? "behind" : "ahead of"} the server's Date header`

/** A failed call as a check: the error's message says what to do; a few get a more precise fix. */
const failed = (id: CheckId, error: AuthError.SinchError, fix?: string): CheckResult =>
  result(id, "fail", `${error._tag}: ${error.message}`, fix)

/** @internal */
export const run = (options: Options = {}): Effect.Effect<Report, never, HttpClient.HttpClient> =>
  Effect.scoped(Effect.gen(function*() {
    const timeout: Duration.DurationInput = options.timeout ?? "10 seconds"
    const checks: Array<CheckResult> = []
    const report = (check: CheckResult) =>
      Effect.zipRight(Effect.sync(() => checks.push(check)), options.onCheck ? options.onCheck(check) : Effect.void)
    const skip = (id: CheckId, why: string) => report(result(id, "skip", why))

    // Where the calls go.
    const emulatorUrl = yield* Effect.orElseSucceed(Config.option(Config.string("SINCH_EMULATOR_URL")), Option.none)
    const endpointsRead = yield* Effect.either(SinchEndpoints.config)
    const endpoints = Either.getRight(endpointsRead)
    yield* report(Either.match(endpointsRead, {
      onLeft: (error) => result("endpoints", "fail", describeConfigError(error).join("; ")),
      onRight: (value) => result("endpoints", "pass", describeEndpoints(value, emulatorUrl))
    }))

    // Which credentials are present, and whether they are well-formed.
    const [projectCheck, project] = yield* readCredentials(
      "project-credentials",
      ["SINCH_PROJECT_ID", "SINCH_KEY_ID", "SINCH_KEY_SECRET"],
      ProjectCredentials.config,
      (c) => `project ${c.projectId}, access key ${c.keyId}`
    )
    yield* report(projectCheck)
    const [applicationCheck, application] = yield* readCredentials(
      "application-credentials",
      ["SINCH_APPLICATION_KEY", "SINCH_APPLICATION_SECRET"],
      ApplicationCredentials.config,
      (c) => `application ${c.applicationKey}, secret is valid base64`
    )
    yield* report(applicationCheck)
    const [mailgunCheck, mailgun] = yield* readCredentials(
      "mailgun-credentials",
      ["MAILGUN_API_KEY"],
      MailgunCredentials.config,
      (c) => `API key set, region ${c.region}`
    )
    yield* report(mailgunCheck)

    const http = yield* HttpClient.HttpClient
    let tokenRequests = 0

    // Project checks: one token provider, so one token for every product probed.
    if (Option.isNone(project) || Option.isNone(endpoints)) {
      const why = Option.isNone(endpoints) ? "the endpoints are misconfigured" : "no usable project credentials"
      for (const id of ["token-exchange", "token-lifetime", "project-access", "conversation-region"] as const) {
        yield* skip(id, why)
      }
    } else {
      const credentials = project.value
      const urls = endpoints.value
      const serverDate = yield* Ref.make(Option.none<{ readonly server: number; readonly local: number }>())
      const observed = HttpClient.tap(http, (response) =>
        Effect.flatMap(Clock.currentTimeMillis, (local) => {
          const server = Date.parse(response.headers["date"] ?? "")
          return Number.isFinite(server) ? Ref.set(serverDate, Option.some({ server, local })) : Effect.void
        }))
      const provider = yield* TokenProvider.make({ tokenUrl: urls.auth, requestTimeout: timeout }).pipe(
        Effect.provideService(ProjectCredentials.ProjectCredentials, credentials),
        Effect.provideService(HttpClient.HttpClient, observed)
      )
      const context = Context.make(ProjectCredentials.ProjectCredentials, credentials).pipe(
        Context.add(SinchEndpoints.SinchEndpoints, urls),
        Context.add(TokenProvider.TokenProvider, provider),
        Context.add(HttpClient.HttpClient, http)
      )
      const token = yield* Effect.either(provider.get)
      tokenRequests = (yield* provider.snapshot).requests

      if (Either.isLeft(token)) {
        yield* report(failed("token-exchange", token.left))
        for (const id of ["token-lifetime", "project-access", "conversation-region"] as const) {
          yield* skip(id, "no token")
        }
      } else {
        const issued = token.right
        const life = issued.expiresAt - issued.issuedAt
        yield* report(result(
          "token-exchange",
          "pass",
          `token issued by ${new URL(urls.auth).host}, scope ${issued.scope ?? "(none given)"}`
        ))

        const date = yield* Ref.get(serverDate)
        const skew = Option.map(date, ({ local, server }) => server - local)
        const skewText = Option.match(skew, { onNone: () => "the server sent no Date header", onSome: describeSkew })
        if (life < minTokenLifeMillis) {
          yield* report(result(
            "token-lifetime",
            "fail",
            `the token lives only ${seconds(life)}; ${skewText}`,
            "Check that SINCH_AUTH_URL points at the Sinch token endpoint (https://auth.sinch.com/oauth2/token)."
          ))
        } else if (Option.isSome(skew) && Math.abs(skew.value) > maxSkewMillis) {
          yield* report(result(
            "token-lifetime",
            "fail",
            `the token lives ${seconds(life)}, but the ${skewText}`,
            "Synchronise the local clock (NTP): token expiry is timed, and signed requests are stamped, by the local clock."
          ))
        } else {
          yield* report(result("token-lifetime", "pass", `the token lives ${seconds(life)}; ${skewText}`))
        }

        const numbers = yield* Numbers.makeWith({ strategy: AuthStrategy.oauth2, timeout }).pipe(
          Effect.provide(context)
        )
        const access = yield* Effect.either(
          Stream.runCollect(Stream.take(numbers.listActiveNumbers({ pageSize: 1 }), 1))
        )
        yield* report(Either.match(access, {
          onLeft: (error) => failed("project-access", error),
          onRight: () => result("project-access", "pass", `Numbers answered for project ${credentials.projectId}`)
        }))

        yield* report(yield* conversationRegion(options, timeout).pipe(Effect.provide(context)))
      }
      tokenRequests = (yield* provider.snapshot).requests
    }

    // Application credentials: one signed, read-only request to each application-scoped API.
    if (Option.isNone(application) || Option.isNone(endpoints)) {
      const why = Option.isNone(endpoints) ? "the endpoints are misconfigured" : "no usable application credentials"
      yield* skip("application-auth", why)
      yield* skip("verification-auth", why)
    } else {
      const credentials = application.value
      const strategy = yield* AuthStrategy.applicationSigned().pipe(
        Effect.provideService(ApplicationCredentials.ApplicationCredentials, credentials)
      )
      const applicationFix = (error: AuthError.SinchError) =>
        unauthorized(error)
          ? "Check SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET (the secret exactly as shown in the dashboard), and the local clock."
          : undefined

      // The Voice reference's "Get Numbers" (GET /v1/configuration/numbers on the application-management
      // host, Basic or signed): the application's numbers, read-only.
      const voice = yield* Voice.makeWith({ strategy: Effect.succeed(strategy), timeout }).pipe(
        Effect.provideService(SinchEndpoints.SinchEndpoints, endpoints.value)
      )
      const numbers = yield* Effect.either(voice.listNumbers)
      yield* report(Either.match(numbers, {
        onLeft: (error) => failed("application-auth", error, applicationFix(error)),
        onRight: (answer) =>
          result(
            "application-auth",
            "pass",
            `Voice accepted a request signed by application ${credentials.applicationKey}: ${
              answer.numbers?.length ?? 0
            } number(s) configured`
          )
      }))

      // The Verification API has no list to read, so the doctor asks for the status of a verification
      // that cannot exist. Sinch authenticates a request before it looks anything up: a wrong key,
      // secret or clock is answered 401 whatever the id, so a 404 here means the signature was
      // accepted. Nothing is started, and nothing is billed.
      const verification = yield* Verification.makeWith({ strategy: Effect.succeed(strategy), timeout }).pipe(
        Effect.provideService(SinchEndpoints.SinchEndpoints, endpoints.value)
      )
      const status = yield* Effect.either(verification.getById(probeVerificationId))
      const accepted = `Verification accepted a request signed by application ${credentials.applicationKey}`
      yield* report(Either.match(status, {
        onLeft: (error) =>
          error._tag === "SinchApiError" && error.status === 404
            ? result("verification-auth", "pass", `${accepted} (404 for a verification id that does not exist)`)
            : failed("verification-auth", error, applicationFix(error)),
        onRight: () => result("verification-auth", "pass", accepted)
      }))
    }

    // Mailgun: list the domains, read-only.
    if (Option.isNone(mailgun) || Option.isNone(endpoints)) {
      yield* skip(
        "mailgun-auth",
        Option.isNone(endpoints) ? "the endpoints are misconfigured" : "no usable Mailgun key"
      )
    } else {
      const credentials = mailgun.value
      const strategy = yield* AuthStrategy.mailgun.pipe(
        Effect.provideService(MailgunCredentials.MailgunCredentials, credentials)
      )
      const client = yield* SinchClient.make({
        api: "Mailgun",
        baseUrl: endpoints.value.mailgun(credentials.region),
        strategy,
        timeout
      })
      const answer = yield* Effect.either(client.request("GET", "/v3/domains", MailgunDomains))
      yield* report(Either.match(answer, {
        onLeft: (error) =>
          failed(
            "mailgun-auth",
            error,
            unauthorized(error)
              ? `Check MAILGUN_API_KEY, and MAILGUN_REGION (${credentials.region}): a key works only in the region of its account.`
              : undefined
          ),
        onRight: (domains) =>
          result(
            "mailgun-auth",
            "pass",
            `Mailgun (${credentials.region}) accepted the key: ${
              domains.total_count ?? domains.items?.length ?? 0
            } domain(s)`
          )
      }))
    }

    // A fleet's shared token store: reported only when configured.
    const redisUrl = yield* Effect.orElseSucceed(Config.option(Config.string("SINCH_REDIS_URL")), Option.none)
    if (Option.isSome(redisUrl)) {
      const answer = yield* probeRedis(redisUrl.value, 2_000)
      yield* report(
        answer.ok
          ? result("redis", "pass", answer.detail)
          : result(
            "redis",
            "fail",
            `${answer.detail}; each instance requests its own token until Redis answers`,
            "Check SINCH_REDIS_URL and that Redis is reachable from this host (see docs/fleets.md)."
          )
      )
    }

    return { ok: checks.every((check) => check.status !== "fail"), checks, tokenRequests }
  }))

/** A verification id that Sinch never issues (the nil UUID): its status is always "not found". */
const probeVerificationId = "00000000-0000-0000-0000-000000000000"

const MailgunDomains = Schema.Struct({
  total_count: Schema.optional(Schema.Number),
  items: Schema.optional(Schema.Array(Schema.Unknown))
})

const unauthorized = (error: AuthError.SinchError): boolean =>
  error._tag === "InvalidToken" || error._tag === "ExpiredToken" ||
  (error._tag === "SinchApiError" && error.status === 401)

/** Where the app of `--app-id` lives: in the configured region, or, with none configured, anywhere. */
const conversationRegion = (options: Options, timeout: Duration.DurationInput) =>
  Effect.gen(function*() {
    const appId = options.appId
    if (appId === undefined) {
      return result("conversation-region", "skip", "pass --app-id <id> to check which region the app is in")
    }
    const endpoints = yield* SinchEndpoints.SinchEndpoints
    const service = (region: Region.Region, probeRegions: boolean) =>
      Conversation.makeWith({ region, probeRegions, timeout, strategy: AuthStrategy.oauth2 })

    const configured = options.region
    if (configured !== undefined) {
      const conversation = yield* service(configured, true)
      const app = yield* Effect.either(conversation.getApp(appId))
      return Either.match(app, {
        onLeft: (error) => failed("conversation-region", error),
        onRight: (found) =>
          result(
            "conversation-region",
            "pass",
            `app ${appId}${found.display_name ? ` (${found.display_name})` : ""} is in region ${configured}, at ${
              endpoints.conversation(configured)
            }`
          )
      })
    }

    // No region configured: ask all three, at once.
    const answers = yield* Effect.forEach(
      Region.all,
      (region) =>
        Effect.flatMap(service(region, false), (conversation) => Effect.either(conversation.getApp(appId))).pipe(
          Effect.map((answer) => [region, answer] as const)
        ),
      { concurrency: "unbounded" }
    )
    const found = answers.filter(([, answer]) => Either.isRight(answer)).map(([region]) => region)
    if (found.length > 0) {
      const region = found[0]!
      return result(
        "conversation-region",
        "pass",
        `app ${appId} is in region ${region}: use region "${region}" (${endpoints.conversation(region)})`
      )
    }
    const other = answers.map(([, answer]) => answer).find(
      (answer): answer is Either.Left<AuthError.SinchError, never> =>
        Either.isLeft(answer) && !(answer.left._tag === "SinchApiError" && answer.left.status === 404)
    )
    return other !== undefined
      ? failed("conversation-region", other.left)
      : result(
        "conversation-region",
        "fail",
        `app ${appId} was found in none of ${Region.all.join(", ")}`,
        "Check the app id (Conversation API > Apps in the dashboard) and that it belongs to SINCH_PROJECT_ID."
      )
  })
