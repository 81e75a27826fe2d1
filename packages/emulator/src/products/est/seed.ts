/**
 * The demo data every project starts with: a Stockholm PBX trunk with two static SBC endpoints and
 * an office ACL; a Chicago contact-center trunk with registered softphones, a credential list and a
 * data-center ACL; phone numbers on both; US/CA dialing enabled; 250 calls over the last 21 hours;
 * two call-blocking rules.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type {
  AccessControlList,
  Call,
  CallBlockingRule,
  CallResult,
  CountryPermission,
  CredentialList,
  IpRange,
  PhoneNumber,
  ProjectState,
  SipEndpoint,
  SipTrunk
} from "./model.js"
import { topLevelDomain } from "./trunks.js"
import * as Ulid from "./ulid.js"

/**
 * How many calls a project starts with.
 *
 * @since 0.1.0
 * @category constants
 */
export const seededCalls = 250

const countries: ReadonlyArray<CountryPermission> = [
  { isoCode: "US", name: "United States", continent: "North America", countryDialingCodes: ["+1"], enabled: true },
  { isoCode: "CA", name: "Canada", continent: "North America", countryDialingCodes: ["+1"], enabled: true },
  { isoCode: "MX", name: "Mexico", continent: "North America", countryDialingCodes: ["+52"], enabled: false },
  { isoCode: "BR", name: "Brazil", continent: "South America", countryDialingCodes: ["+55"], enabled: false },
  { isoCode: "GB", name: "United Kingdom", continent: "Europe", countryDialingCodes: ["+44"], enabled: false },
  { isoCode: "SE", name: "Sweden", continent: "Europe", countryDialingCodes: ["+46"], enabled: false },
  { isoCode: "DE", name: "Germany", continent: "Europe", countryDialingCodes: ["+49"], enabled: false },
  { isoCode: "FR", name: "France", continent: "Europe", countryDialingCodes: ["+33"], enabled: false },
  { isoCode: "IN", name: "India", continent: "Asia", countryDialingCodes: ["+91"], enabled: false },
  { isoCode: "AU", name: "Australia", continent: "Oceania", countryDialingCodes: ["+61"], enabled: false }
]

const results: ReadonlyArray<CallResult> = [
  "COMPLETED",
  "COMPLETED",
  "COMPLETED",
  "NO_ANSWER",
  "COMPLETED",
  "BUSY",
  "COMPLETED",
  "CANCEL",
  "COMPLETED",
  "FAILED"
]

const iso = (millis: number) => new Date(millis).toISOString()

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (projectId: string, now: number): Effect.Effect<ProjectState> =>
  Effect.gen(function*() {
    const created = iso(now - 30 * 24 * 60 * 60 * 1000)
    const trunk = (hostName: string, name: string, id: string, extra: Partial<SipTrunk> = {}): SipTrunk => ({
      id,
      hostName,
      topLevelDomain,
      domain: `${hostName}${topLevelDomain}`,
      name,
      callsPerSecond: 1,
      enableCallerName: false,
      callForwardNumber: "",
      enableCallForward: false,
      createTime: created,
      updateTime: null,
      projectId,
      ...extra
    })
    const stockholm = trunk("acme-sthlm", "Stockholm PBX", yield* Ulid.make)
    const chicago = trunk("acme-chicago", "Chicago contact center", yield* Ulid.make, {
      enableCallerName: true,
      enableCallForward: true,
      callForwardNumber: "+13125550199",
      callsPerSecond: 10
    })

    const endpoint = (
      trunkId: string,
      name: string,
      priority: number,
      fields: Partial<SipEndpoint>
    ) =>
      Effect.map(Ulid.make, (id): SipEndpoint => ({
        id,
        sipTrunkId: trunkId,
        name,
        transport: "UDP",
        priority,
        enabled: true,
        createTime: created,
        updateTime: null,
        ...fields
      }))
    const endpoints = [
      yield* endpoint(stockholm.id, "Primary SBC", 1, { address: "203.0.113.10", port: 5060 }),
      yield* endpoint(stockholm.id, "Backup SBC", 2, { address: "sbc2.acme.example", port: 5061, transport: "TLS" }),
      yield* endpoint(chicago.id, "Agent softphones", 1, { isRegistered: true, credentialUsername: "chicago-agents" })
    ]

    const acl = (name: string, ranges: ReadonlyArray<readonly [string, number, string]>) =>
      Effect.gen(function*() {
        const id = yield* Ulid.make
        const ipRanges = yield* Effect.forEach(ranges, ([ipAddress, range, description]) =>
          Effect.map(Ulid.make, (rangeId): IpRange => ({
            id: rangeId,
            description,
            ipAddress,
            range,
            projectId,
            accessControlListId: id,
            createTime: created,
            updateTime: null
          })))
        return {
          id,
          name,
          enabled: true,
          ipRanges,
          createTime: created,
          updateTime: null,
          projectId
        } satisfies AccessControlList
      })
    const office = yield* acl("Stockholm office", [["203.0.113.0", 24, "Office LAN"], [
      "198.51.100.7",
      32,
      "VPN gateway"
    ]])
    const dataCenter = yield* acl("Chicago data center", [["192.0.2.0", 28, "DC uplink"]])

    const agents: CredentialList = {
      id: yield* Ulid.make,
      name: "Chicago agents",
      projectId,
      credentials: [
        { id: yield* Ulid.make, username: "chicago-agents", password: "Agents2024Chicago" },
        { id: yield* Ulid.make, username: "chicago-supervisor", password: "Supervisor2024Chi" }
      ],
      createTime: created,
      updateTime: null
    }

    const number = (phoneNumber: string, countryCode: string, sipTrunkId: string | undefined) =>
      Effect.map(Ulid.make, (id): PhoneNumber => ({
        id,
        ...(sipTrunkId === undefined ? {} : { sipTrunkId }),
        phoneNumber,
        countryCode,
        createTime: created,
        updateTime: null
      }))
    const numbers = [
      yield* number("+46850550100", "SE", stockholm.id),
      yield* number("+46850550101", "SE", stockholm.id),
      yield* number("+13125550100", "US", chicago.id),
      yield* number("+13125550101", "US", chicago.id),
      yield* number("+13125550102", "US", chicago.id),
      yield* number("+12025550100", "US", undefined)
    ]

    const calls: Array<Call> = []
    for (let i = 0; i < seededCalls; i++) {
      const start = now - (i + 1) * 5 * 60 * 1000
      const callResult = results[i % results.length]!
      const inbound = i % 3 !== 2
      const viaChicago = i % 2 === 0
      const didNumber = viaChicago ? `+1312555010${i % 3}` : `+4685055010${i % 2}`
      const remote = viaChicago
        ? `+1415555${String(1000 + (i % 97)).padStart(4, "0")}`
        : `+46701234${String(100 + (i % 89))}`
      const duration = callResult === "COMPLETED" ? 20 + ((i * 37) % 600) : 0
      const answered = callResult === "COMPLETED" ? start + 4_000 : undefined
      const perMinute = viaChicago ? "0.0040" : "0.0120"
      const billed = Math.ceil(duration / 60) * 60
      calls.push({
        callId: yield* Ulid.make,
        from: inbound ? remote : didNumber,
        to: inbound ? didNumber : remote,
        direction: inbound ? "INBOUND" : "OUTBOUND",
        answerTime: answered === undefined ? null : iso(answered),
        endTime: iso((answered ?? start + 15_000) + duration * 1000),
        durationSeconds: duration,
        callResult,
        pricePerMinute: { currencyCode: "USD", amount: perMinute },
        billingDurationSeconds: billed,
        price: { currencyCode: "USD", amount: ((billed / 60) * Number(perMinute)).toFixed(4) },
        createTime: iso(start),
        projectId,
        trunkId: viaChicago ? chicago.id : stockholm.id,
        pcapId: yield* Ulid.make
      })
    }

    const rule = (fields: Omit<CallBlockingRule, "id">) =>
      Effect.map(Ulid.make, (id): CallBlockingRule => ({ id, ...fields }))
    const rules = [
      yield* rule({ name: "No premium-rate UK", direction: "OUTBOUND", calleeCountry: "GB", calleeMatch: "+449" }),
      yield* rule({ name: "Block 900 callers", direction: "INBOUND", callerCountry: "US", callerMatch: "+1900" })
    ]

    return {
      trunks: new Map([[stockholm.id, stockholm], [chicago.id, chicago]]),
      endpoints: new Map(endpoints.map((e) => [e.id, e])),
      acls: new Map([[office.id, office], [dataCenter.id, dataCenter]]),
      trunkAcls: new Map([[stockholm.id, [office.id]], [chicago.id, [dataCenter.id]]]),
      credentialLists: new Map([[agents.id, agents]]),
      trunkCredentialLists: new Map([[chicago.id, [agents.id]]]),
      countries: new Map(countries.map((c) => [c.isoCode, c])),
      numbers: new Map(numbers.map((n) => [n.phoneNumber, n])),
      calls,
      blockingRules: new Map(rules.map((r) => [r.id, r]))
    }
  })
