/**
 * Request validation for the emulated Numbers API. Every check collects a field violation instead
 * of stopping, so a 400 lists everything that is wrong at once, as the API does.
 *
 * @since 0.1.0
 */
import type { Capability, NumberType } from "./inventory.js"
import type { FieldViolation } from "./responses.js"

/**
 * @since 0.1.0
 * @category constants
 */
export const numberTypes: ReadonlyArray<NumberType> = ["MOBILE", "LOCAL", "TOLL_FREE"]

/**
 * @since 0.1.0
 * @category constants
 */
export const capabilities: ReadonlyArray<Capability> = ["SMS", "VOICE"]

/**
 * @since 0.1.0
 * @category models
 */
export type SearchPattern = "START" | "CONTAINS" | "END"

const searchPatterns: ReadonlyArray<SearchPattern> = ["START", "CONTAINS", "END"]

/**
 * @since 0.1.0
 * @category models
 */
export interface NumberPattern {
  readonly pattern: string
  readonly searchPattern: SearchPattern
}

const e164 = /^\+[1-9]\d{6,14}$/

/**
 * A space where a `+` was meant is the classic client bug: a `+` sent unencoded in a query string
 * is decoded as a space. The emulator names it, so the bug shows instead of matching nothing.
 *
 * @since 0.1.0
 * @category validation
 */
export const plusAsSpace = (value: string): boolean => /^\s/.test(value) || value.includes(" ")

/**
 * Checks an E.164 phone number taken from the path (already percent-decoded).
 *
 * @since 0.1.0
 * @category validation
 */
export const phoneNumber = (field: string, value: string): ReadonlyArray<FieldViolation> => {
  if (plusAsSpace(value)) {
    return [{
      field,
      description: `"${value}" contains a space where "+" was expected: percent-encode "+" as %2B`
    }]
  }
  return e164.test(value) ? [] : [{ field, description: `"${value}" is not an E.164 phone number (e.g. +12025550134)` }]
}

/**
 * A collector of violations over a parsed query string or body.
 *
 * @since 0.1.0
 * @category models
 */
export class Violations {
  readonly all: Array<FieldViolation> = []

  add(field: string, description: string): void {
    this.all.push({ field, description })
  }

  addAll(violations: ReadonlyArray<FieldViolation>): void {
    this.all.push(...violations)
  }

  enumValue<A extends string>(field: string, value: string | null, allowed: ReadonlyArray<A>): A | undefined {
    if (value === null || value === "") return undefined
    if ((allowed as ReadonlyArray<string>).includes(value)) return value as A
    this.add(field, `"${value}" is not one of ${allowed.join(", ")}`)
    return undefined
  }

  required<A extends string>(field: string, value: string | null, allowed?: ReadonlyArray<A>): A | undefined {
    if (value === null || value === "") {
      this.add(field, "is required")
      return undefined
    }
    return allowed === undefined ? (value as A) : this.enumValue(field, value, allowed)
  }

  enumList<A extends string>(field: string, values: ReadonlyArray<string>, allowed: ReadonlyArray<A>): Array<A> {
    return values.flatMap((value) => {
      const ok = this.enumValue(field, value, allowed)
      return ok === undefined ? [] : [ok]
    })
  }

  integer(field: string, value: string | null, min: number, max: number): number | undefined {
    if (value === null || value === "") return undefined
    const n = Number(value)
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.add(field, `"${value}" must be an integer between ${min} and ${max}`)
      return undefined
    }
    return n
  }

  regionCode(field: string, value: string | null, required: boolean): string | undefined {
    if (value === null || value === "") {
      if (required) this.add(field, "is required")
      return undefined
    }
    if (!/^[A-Z]{2}$/.test(value)) {
      this.add(field, `"${value}" is not an ISO 3166-1 alpha-2 region code`)
      return undefined
    }
    return value
  }

  numberPattern(
    patternField: string,
    pattern: string | null | undefined,
    searchField: string,
    search: string | null | undefined
  ): NumberPattern | undefined {
    const searchPattern = this.enumValue(searchField, search ?? null, searchPatterns) ?? "CONTAINS"
    if (pattern === null || pattern === undefined || pattern === "") return undefined
    if (plusAsSpace(pattern)) {
      this.add(
        patternField,
        `"${pattern}" contains a space where "+" was expected: a "+" in a query string must be sent as %2B`
      )
      return undefined
    }
    if (!/^\+?\d{1,15}$/.test(pattern)) {
      this.add(patternField, `"${pattern}" must be a sequence of digits, optionally with a leading "+"`)
      return undefined
    }
    return { pattern, searchPattern }
  }
}

/**
 * Whether a phone number matches a pattern. A pattern with a leading `+` is matched against the full
 * E.164 number, one without against the digits after the `+`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const matches = (phone: string, pattern: NumberPattern | undefined): boolean => {
  if (pattern === undefined) return true
  const target = pattern.pattern.startsWith("+") ? phone : phone.slice(1)
  switch (pattern.searchPattern) {
    case "START":
      return target.startsWith(pattern.pattern)
    case "END":
      return target.endsWith(pattern.pattern)
    case "CONTAINS":
      return target.includes(pattern.pattern)
  }
}

/**
 * Reads an optional object member of a JSON body.
 *
 * @since 0.1.0
 * @category parsing
 */
export const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)
