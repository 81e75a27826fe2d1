/**
 * The emulated Numbers inventory: deterministic demo numbers per region and type, drawn from ranges
 * that regulators reserve for fiction and testing where such ranges exist, so a demo never dials a
 * real subscriber.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category models
 */
export type NumberType = "MOBILE" | "LOCAL" | "TOLL_FREE"

/**
 * @since 0.1.0
 * @category models
 */
export type Capability = "SMS" | "VOICE"

/**
 * @since 0.1.0
 * @category models
 */
export interface Money {
  readonly currencyCode: string
  readonly amount: string
}

/**
 * An available number exactly as the API documents it.
 *
 * @since 0.1.0
 * @category models
 */
export interface AvailableNumber {
  readonly phoneNumber: string
  readonly regionCode: string
  readonly type: NumberType
  readonly capability: ReadonlyArray<Capability>
  readonly setupPrice: Money
  readonly monthlyPrice: Money
  readonly paymentIntervalMonths: number
  readonly supportingDocumentationRequired: boolean
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Region {
  readonly regionCode: string
  readonly regionName: string
}

interface Range {
  readonly regionCode: string
  readonly type: NumberType
  /** E.164 prefix; the index is appended, zero-padded to `digits`. */
  readonly prefix: string
  readonly digits: number
  readonly start: number
  readonly count: number
  readonly capability: ReadonlyArray<Capability>
  readonly setup: string
  readonly monthly: string
  readonly currencyCode: string
  readonly documents: boolean
}

/**
 * @since 0.1.0
 * @category constants
 */
export const regions: ReadonlyArray<Region> = [
  { regionCode: "US", regionName: "United States" },
  { regionCode: "CA", regionName: "Canada" },
  { regionCode: "GB", regionName: "United Kingdom" },
  { regionCode: "SE", regionName: "Sweden" },
  { regionCode: "DE", regionName: "Germany" },
  { regionCode: "FR", regionName: "France" }
]

const both: ReadonlyArray<Capability> = ["SMS", "VOICE"]
const voice: ReadonlyArray<Capability> = ["VOICE"]

// US/CA 555-01XX is reserved for fiction; GB uses Ofcom's drama ranges, SE PTS's and FR ARCEP's fiction ranges.
const ranges: ReadonlyArray<Range> = [
  range("US", "LOCAL", "+1202555", 4, 100, 24, both, "0.00", "1.00", "USD", false),
  range("US", "TOLL_FREE", "+1833555", 4, 100, 8, both, "0.00", "2.00", "USD", false),
  range("CA", "LOCAL", "+1416555", 4, 100, 8, both, "0.00", "1.00", "USD", false),
  range("GB", "MOBILE", "+447700900", 3, 100, 12, both, "0.00", "2.50", "GBP", false),
  range("GB", "LOCAL", "+442079460", 3, 100, 8, voice, "0.00", "1.50", "GBP", false),
  range("GB", "TOLL_FREE", "+448081570", 3, 100, 4, voice, "5.00", "4.00", "GBP", false),
  range("SE", "MOBILE", "+467017406", 2, 5, 12, both, "0.00", "20.00", "SEK", false),
  range("SE", "LOCAL", "+46846500", 3, 400, 6, voice, "0.00", "15.00", "SEK", false),
  range("DE", "MOBILE", "+4915201000", 3, 100, 6, both, "0.00", "3.00", "EUR", true),
  range("DE", "LOCAL", "+4930901820", 2, 10, 6, voice, "0.00", "2.00", "EUR", true),
  range("FR", "MOBILE", "+3363998", 4, 100, 6, both, "0.00", "2.50", "EUR", true)
]

function range(
  regionCode: string,
  type: NumberType,
  prefix: string,
  digits: number,
  start: number,
  count: number,
  capability: ReadonlyArray<Capability>,
  setup: string,
  monthly: string,
  currencyCode: string,
  documents: boolean
): Range {
  return { regionCode, type, prefix, digits, start, count, capability, setup, monthly, currencyCode, documents }
}

/**
 * The whole seeded inventory, in a stable order (by region, type, number).
 *
 * @since 0.1.0
 * @category constructors
 */
export const seed = (): ReadonlyArray<AvailableNumber> =>
  ranges.flatMap((r) =>
    Array.from({ length: r.count }, (_, i) => ({
      phoneNumber: `${r.prefix}${String(r.start + i).padStart(r.digits, "0")}`,
      regionCode: r.regionCode,
      type: r.type,
      capability: r.capability,
      setupPrice: { currencyCode: r.currencyCode, amount: r.setup },
      monthlyPrice: { currencyCode: r.currencyCode, amount: r.monthly },
      paymentIntervalMonths: 1,
      supportingDocumentationRequired: r.documents
    }))
  )

/**
 * The number types a region has inventory for.
 *
 * @since 0.1.0
 * @category accessors
 */
export const typesOf = (regionCode: string): ReadonlyArray<NumberType> =>
  Array.from(new Set(ranges.filter((r) => r.regionCode === regionCode).map((r) => r.type)))
